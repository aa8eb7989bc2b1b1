package io.twinbridge.gateway.egress;

import static io.twinbridge.gateway.egress.EgressTestKit.events;
import static io.twinbridge.gateway.egress.EgressTestKit.http;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.egress.EgressTestKit.Event;
import io.twinbridge.gateway.logging.CapturedLogs;
import io.twinbridge.gateway.logging.LogContext;
import io.twinbridge.gateway.testkit.KafkaTestCluster;
import io.twinbridge.gateway.testkit.SharedKafka;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.twinbridge.sandbox.ditto.SandboxStore;
import io.twinbridge.sandbox.ditto.SandboxStore.ThingRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebSocket breaks and twins change meanwhile: after the reconnect, every changed thing's state is published. */
// reads process-wide state (Vert.x meters on the registry, captured log lines): runs alone, not beside other classes
@org.junit.jupiter.api.parallel.Isolated
@Tag("flow")
class EgressResyncTest {
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "resync.twin-events.acme";

    @Test
    void afterADisconnectEveryChangedThingsLatestStateReachesTheTopic() throws Exception {
        SandboxStore store = SandboxStore.inMemory();
        KafkaTestCluster kafka = KAFKA.cluster();
        DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0), store);
        int port = sandbox.port();
        Map<String, String> env = EgressTestKit.env(kafka, "resync", sandbox.wsUrl(), sandbox.httpUrl());
        env.put("TWINBRIDGE_INGEST_ENABLED", "false");
        Gateway gateway = EgressTestKit.startGateway(env);
        CapturedLogs logs = CapturedLogs.attach();
        try {
            // given: three things egress has seen
            for (String id : List.of("acme:r-1", "acme:r-2", "acme:r-3")) {
                assertEquals(201, http("PUT", sandbox.httpUrl() + "/api/2/things/" + id, "application/json",
                        "{\"attributes\":{\"model\":\"hvac\",\"n\":0}}"));
            }
            await().atMost(WAIT).ignoreExceptions().until(() -> events(kafka, TOPIC).size() == 3);

            // when: the connection breaks, and r-1 changes once and r-2 twice while it is down
            sandbox.close();
            change(store, "acme:r-1", 1);
            change(store, "acme:r-2", 1);
            change(store, "acme:r-2", 2);
            sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(port), store);

            // then: their state at the latest revision arrives as resync records; r-3 did not change
            for (String id : List.of("acme:r-1", "acme:r-2")) {
                long revision = store.thing(ThingId.of(id)).orElseThrow().revision();
                await().atMost(WAIT).ignoreExceptions().until(() -> latest(kafka, id).revision() == revision);
                Event latest = latest(kafka, id);
                assertTrue(latest.resync(), latest::toString);
                assertEquals("MODIFIED", latest.action());
                assertEquals("/", latest.path());
                assertTrue(latest.value().contains("\"n\":" + (id.endsWith("1") ? 1 : 2)), latest::toString);
            }
            assertEquals(1, events(kafka, TOPIC).stream().filter(e -> e.key().equals("acme:r-3")).count());
            // and: the line about each resync, written on the tenant's worker, names the tenant and the thing
            for (String id : List.of("acme:r-1", "acme:r-2")) {
                CapturedLogs.Line line = logs.lines().stream().filter(l -> l.message().startsWith(id
                        + ": published its state at revision")).findFirst().orElseThrow(() -> new AssertionError(
                        "no resync line for " + id));
                assertEquals(Map.of(LogContext.TENANT, "acme", LogContext.THING_ID, id), line.context());
            }

            // and: the subscription is back, so later changes arrive as events again
            assertEquals(204, http("PUT", sandbox.httpUrl() + "/api/2/things/acme:r-3/attributes/n",
                    "application/json", "7"));
            await().atMost(WAIT).ignoreExceptions().until(() -> latest(kafka, "acme:r-3").revision() == 2);
            assertTrue(!latest(kafka, "acme:r-3").resync());
            EgressFlowTest.assertRevisionsRise(events(kafka, TOPIC));
        } finally {
            logs.close();
            gateway.stop().toCompletionStage().toCompletableFuture().get();
            sandbox.close();
        }
    }

    private static Event latest(KafkaTestCluster kafka, String key) {
        List<Event> events = events(kafka, TOPIC).stream().filter(e -> e.key().equals(key)).toList();
        return events.get(events.size() - 1);
    }

    /** A change made while the sandbox is down, straight in its store, as Ditto's journal would hold it. */
    private static void change(SandboxStore store, String id, int n) {
        synchronized (store) {
            ThingRecord thing = store.thing(ThingId.of(id)).orElseThrow();
            store.putThing(new ThingRecord(thing.id(), thing.json().setValue(JsonPointer.of("/attributes/n"),
                    JsonValue.of(n)), store.nextThingRevision(thing.id()), thing.created(), Instant.now()));
        }
    }
}
