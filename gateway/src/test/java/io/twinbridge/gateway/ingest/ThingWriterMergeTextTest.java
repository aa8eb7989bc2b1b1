package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.ThingWriterKit.ACME;
import static io.twinbridge.gateway.ingest.ThingWriterKit.turbine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.PreRenderedJsonObject;
import io.twinbridge.gateway.mapping.TimedValue;
import io.twinbridge.gateway.mapping.TwinPatch;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3: ThingWriter sends each merge's patch as text rendered in one pass ({@code TwinPatch.mergeWrite}),
 * wrapped so that the Ditto adapter writes it verbatim, with the condition of the same pass: the freshness condition,
 * and after a failed egress acknowledgement (424) the redelivery condition. The text is what the ditto-json tree of
 * the patch rendered before.
 */
class ThingWriterMergeTextTest {

    private record Sent(JsonPointer path, JsonValue patch, DittoRequestOptions options) {
    }

    private final ScheduledExecutorService pipeline = Executors.newSingleThreadScheduledExecutor();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pipeline.shutdownNow();
    }

    /** Answers the first merge with {@code firstStatus} (0: success) and every later one with success. */
    private DittoPort port(int firstStatus) {
        return (DittoPort) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DittoPort.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("mergeThing")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    sent.add(new Sent((JsonPointer) args[1], (JsonValue) args[2], (DittoRequestOptions) args[3]));
                    return sent.size() == 1 && firstStatus != 0
                            ? CompletableFuture.failedFuture(new DittoPortException(firstStatus, "acks:failed", "424"))
                            : CompletableFuture.completedFuture(null);
                });
    }

    private ThingWriter writer(DittoPort port, Optional<String> egressAckPrefix) {
        return ThingWriterKit.writer(port, pipeline, egressAckPrefix);
    }

    private static TwinPatch patch() {
        return TwinPatch.builder("WTG-1", 2_000L).put("rotor", "speedRpm", new TimedValue(12.5, 1_000L))
                .put("rotor", "state", new TimedValue("a \"quoted\"\nstate", 2_000L))
                .put("nacelle", "yawDeg", new TimedValue(245, 1_500L)).build();
    }

    @Test
    void aMergeCarriesThePatchAsTextAndTheFreshnessCondition() throws Exception {
        TwinPatch patch = patch();

        WriteOutcome outcome = writer(port(0), Optional.empty()).write("acme:WTG-1",
                new TwinUpdate(ACME, turbine(), patch, "c-1")).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertInstanceOf(WriteOutcome.Applied.class, outcome);
        assertEquals(1, sent.size());
        assertEquals(JsonPointer.of("/features"), sent.get(0).path());
        PreRenderedJsonObject text = assertInstanceOf(PreRenderedJsonObject.class, sent.get(0).patch());
        assertEquals(patch.toMergePatch().getValue("features").orElseThrow().toString(), text.toString());
        assertEquals(Optional.of(patch.freshnessCondition()), sent.get(0).options().condition());
    }

    @Test
    void aRedeliveryAfterAFailedAcknowledgementCarriesTheRedeliveryCondition() throws Exception {
        TwinPatch patch = patch();

        WriteOutcome outcome = writer(port(424), Optional.of("egress")).write("acme:WTG-1",
                new TwinUpdate(ACME, turbine(), patch, "c-2")).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertInstanceOf(WriteOutcome.Applied.class, outcome);
        assertEquals(2, sent.size());
        assertEquals(Optional.of(patch.freshnessCondition()), sent.get(0).options().condition());
        assertEquals(Optional.of(patch.redeliveryCondition()), sent.get(1).options().condition());
        assertEquals(sent.get(0).patch().toString(), sent.get(1).patch().toString());
        assertEquals(patch.toMergePatch().getValue("features").orElseThrow().toString(), sent.get(1).patch().toString());
    }
}
