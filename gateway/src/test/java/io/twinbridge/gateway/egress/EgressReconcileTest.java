package io.twinbridge.gateway.egress;

import static io.twinbridge.gateway.egress.EgressTestKit.events;
import static io.twinbridge.gateway.egress.EgressTestKit.http;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.egress.EgressTestKit.Event;
import io.twinbridge.gateway.testkit.GatewayStack;
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

/**
 * Issue 11.8: Ditto drops WebSocket events when a session's publisher buffer is full (gateway.conf, 200), and a lost
 * last change shows no revision gap. The periodic reconciliation ({@code egress.reconcile-interval}) finds the thing
 * by Ditto's search on {@code _modified} and publishes its state.
 */
@Tag("flow")
class EgressReconcileTest {
    private static final String TOPIC = "reconcile.twin-events.acme";
    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("reconcile").topics("twin-events", 1, "acme");

    @Test
    void aChangeWhoseEventDittoDroppedIsPublishedByTheNextSweep() throws Exception {
        Map<String, String> env = EgressTestKit.egressOnlyEnv(STACK);
        env.put("TWINBRIDGE_EGRESS_RECONCILE_INTERVAL", "1s");
        STACK.start(env);
        String id = "acme:lost-1";
        assertEquals(201, http("PUT", STACK.sandbox().httpUrl() + "/api/2/things/" + id, "application/json",
                "{\"attributes\":{\"model\":\"hvac\",\"n\":0}}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> events(STACK.kafka(), TOPIC).size() == 1);

        // when: the thing changes and its event never reaches the gateway (written straight into the store)
        long revision = changeWithoutEvent(STACK.sandbox().store(), id);

        // then: a sweep finds it ahead of the topic, and, its event not having come within the grace time, publishes
        // its state as a resync record
        await().atMost(Reconciler.GRACE.plusSeconds(30)).until(() -> events(STACK.kafka(), TOPIC).size() == 2);
        List<Event> events = events(STACK.kafka(), TOPIC);
        Event resync = events.get(1);
        assertEquals(revision, resync.revision());
        assertTrue(resync.resync(), resync::toString);
        assertTrue(resync.value().contains("\"n\":1"), resync::toString);
    }

    private static long changeWithoutEvent(SandboxStore store, String id) {
        synchronized (store) {
            ThingRecord thing = store.thing(ThingId.of(id)).orElseThrow();
            long revision = store.nextThingRevision(thing.id());
            store.putThing(new ThingRecord(thing.id(), thing.json().setValue(JsonPointer.of("/attributes/n"),
                    JsonValue.of(1)), revision, thing.created(), Instant.now()));
            return revision;
        }
    }
}
