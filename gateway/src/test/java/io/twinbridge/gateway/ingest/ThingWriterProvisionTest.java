package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.ThingWriterKit.ACME;
import static io.twinbridge.gateway.ingest.ThingWriterKit.turbine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.mapping.TimedValue;
import io.twinbridge.gateway.mapping.TwinPatch;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a new twin costs two commands. The merge that finds the thing missing (404) is followed by one create that
 * carries the update's values, and that create finishes the write; Ditto 3.9.6's {@code CreateThingStrategy} keeps
 * what a create carries over the Thing Model's skeleton. Another writer's create first (409) falls back to the
 * conditional merge; a create that egress did not confirm (424) is sent again as a redelivery merge.
 */
class ThingWriterProvisionTest {

    /** One command the writer sent: the method, the thing or patch, and its options. */
    private record Sent(String method, JsonValue body, DittoRequestOptions options) {
    }

    private final ScheduledExecutorService pipeline = Executors.newSingleThreadScheduledExecutor();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pipeline.shutdownNow();
    }

    /** Answers the commands in order with the given statuses (0: success); success once they are used up. */
    private DittoPort port(Integer... statuses) {
        Deque<Integer> answers = new ArrayDeque<>(List.of(statuses));
        return (DittoPort) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DittoPort.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "mergeThing" -> sent.add(new Sent("merge", (JsonValue) args[2],
                                (DittoRequestOptions) args[3]));
                        case "createThing" -> sent.add(new Sent("create", (JsonObject) args[0],
                                (DittoRequestOptions) args[2]));
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    int status = answers.isEmpty() ? 0 : answers.poll();
                    return switch (status) {
                        case 0 -> CompletableFuture.completedFuture(method.getName().equals("createThing")
                                ? args[0] : null);
                        case 404 -> CompletableFuture.failedFuture(new DittoPortException(404,
                                ErrorClassifier.THING_NOT_FOUND, "not found"));
                        case 409 -> CompletableFuture.failedFuture(new DittoPortException(409,
                                ErrorClassifier.THING_CONFLICT, "exists"));
                        default -> CompletableFuture.failedFuture(new DittoPortException(status, "acks:failed",
                                "status " + status));
                    };
                });
    }

    private ThingWriter writer(DittoPort port, Optional<String> egressAckPrefix) {
        return ThingWriterKit.writer(port, pipeline, egressAckPrefix);
    }

    private static TwinPatch patch() {
        return TwinPatch.builder("WTG-1", 2_000L).put("rotor", "speedRpm", new TimedValue(12.5, 1_000L))
                .put("generator", "power", new TimedValue(736.5, 2_000L)).build();
    }

    private WriteOutcome write(DittoPort port, Optional<String> egressAckPrefix) throws Exception {
        return writer(port, egressAckPrefix).write("acme:WTG-1", new TwinUpdate(ACME, turbine(), patch(), "c-1"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aMissingTwinIsCreatedWithTheUpdateInOneCommandAfterTheMerge() throws Exception {
        WriteOutcome outcome = write(port(404), Optional.empty());

        WriteOutcome.Applied applied = assertInstanceOf(WriteOutcome.Applied.class, outcome);
        assertTrue(applied.created());
        assertEquals(2, applied.commands());
        assertEquals(List.of("merge", "create"), sent.stream().map(Sent::method).toList());
        JsonObject thing = sent.get(1).body().asObject();
        assertEquals(JsonValue.of(12.5), thing.getValue(JsonPointer.of("/features/rotor/properties/speedRpm"))
                .orElseThrow());
        assertEquals(JsonValue.of(1_000L), thing.getValue(JsonPointer.of("/features/rotor/properties/sourceTs"))
                .orElseThrow());
        assertEquals(JsonValue.of(736.5), thing.getValue(JsonPointer.of("/features/generator/properties/power"))
                .orElseThrow());
        // the model's other features are there, empty, as before
        for (String featureId : turbine().featureIds()) {
            assertTrue(thing.getValue(JsonPointer.of("/features/" + featureId + "/properties")).isPresent(), featureId);
        }
        assertEquals(JsonValue.of("acme:tenant-policy"), thing.getValue("policyId").orElseThrow());
        assertEquals(Optional.of("c-1"), sent.get(1).options().correlationId());
        assertTrue(sent.get(1).options().requestedAcks().isEmpty());
    }

    @Test
    void aTwinAnotherWriterCreatedFirstGetsTheConditionalMerge() throws Exception {
        WriteOutcome outcome = write(port(404, 409), Optional.empty());

        WriteOutcome.Applied applied = assertInstanceOf(WriteOutcome.Applied.class, outcome);
        assertEquals(3, applied.commands());
        assertEquals(List.of("merge", "create", "merge"), sent.stream().map(Sent::method).toList());
        assertEquals(Optional.of(patch().freshnessCondition()), sent.get(2).options().condition());
    }

    @Test
    void withEgressAcknowledgementsTheCreateWaitsForEgressAndAnUnconfirmedOneIsRedelivered() throws Exception {
        WriteOutcome outcome = write(port(404, 424), Optional.of("egress"));

        assertInstanceOf(WriteOutcome.Applied.class, outcome);
        assertEquals(List.of("merge", "create", "merge"), sent.stream().map(Sent::method).toList());
        assertEquals(List.of("twin-persisted", "egress-acme"), sent.get(1).options().requestedAcks());
        assertEquals(Optional.of(patch().redeliveryCondition()), sent.get(2).options().condition());
    }
}
