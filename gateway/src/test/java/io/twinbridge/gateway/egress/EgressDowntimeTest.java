package io.twinbridge.gateway.egress;

import static io.twinbridge.gateway.egress.EgressTestKit.events;
import static io.twinbridge.gateway.egress.EgressTestKit.http;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.egress.EgressTestKit.Event;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.sandbox.ditto.SandboxStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15, resume after downtime: the gateway stops, 1,000 twins change (some several times, some are deleted, one
 * is created), and the gateway starts again. Its stored position ({@code <prefix>.egress-state.<tenant>}) and the
 * full sweep at start publish every thing's newest state, every deletion and the new thing.
 */
@Tag("flow")
class EgressDowntimeTest {
    /** The bound this test holds the restarted gateway to, from start to the last record on the topic. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String TOPIC = "downtime.twin-events.acme";
    private static final String JSON = "application/json";
    private static final int THINGS = 1000;
    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("downtime").topics("twin-events", 3, "acme");

    @Test
    void changesMadeWhileTheGatewayWasDownAreAllPublishedAfterItStartsAgain() throws Exception {
        Map<String, String> env = EgressTestKit.egressOnlyEnv(STACK);
        List<String> ids = IntStream.range(0, THINGS).mapToObj(i -> String.format("acme:d-%04d", i)).toList();
        // given: 1,000 things the first gateway published (its start sweep finds them all: no position yet)
        for (String id : ids) {
            assertEquals(201, http("PUT", thing(id), JSON, "{\"attributes\":{\"model\":\"hvac\",\"n\":0}}"));
        }
        Gateway first = STACK.start(env);
        await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(() -> latestByKey().size() == THINGS);
        STACK.stop(first);
        int before = events(STACK.kafka(), TOPIC).size();

        // when: while it is down, 500 change once, 100 three times, 20 are deleted and one is created
        for (int i = 0; i < 600; i++) {
            for (int n = 1; n <= (i < 500 ? 1 : 3); n++) {
                assertEquals(204, http("PUT", thing(ids.get(i)) + "/attributes/n", JSON, Integer.toString(n)));
            }
        }
        List<String> deleted = ids.subList(600, 620);
        for (String id : deleted) {
            assertEquals(204, http("DELETE", thing(id), null, null));
        }
        assertEquals(201, http("PUT", thing("acme:d-new"), JSON, "{\"attributes\":{\"model\":\"hvac\",\"n\":9}}"));
        long started = System.nanoTime();
        STACK.start(env);

        // then: within the bound, every thing's newest revision, every deletion and the new thing are on the topic
        SandboxStore store = storeRevisions();
        await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, Event> latest = latestByKey();
            return ids.subList(0, 600).stream().allMatch(id -> latest.get(id).revision() == revision(store, id))
                    && deleted.stream().allMatch(id -> latest.get(id).action().equals("DELETED"))
                    && latest.containsKey("acme:d-new");
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("EgressDowntimeTest: 1,000 twins changed during downtime, all on the topic " + took.toMillis()
                + " ms after the gateway started");
        Map<String, Event> latest = latestByKey();
        for (String id : ids.subList(0, 600)) {
            Event event = latest.get(id);
            assertTrue(event.resync() && event.action().equals("MODIFIED"), event::toString);
            assertTrue(event.value().contains("\"n\":" + (ids.indexOf(id) < 500 ? 1 : 3)), event::toString);
        }
        deleted.forEach(id -> assertTrue(latest.get(id).resync(), latest.get(id)::toString));
        assertTrue(latest.get("acme:d-new").value().contains("\"n\":9"));
        // and: nothing else: the 380 unchanged things were not published again (the stored position knew them)
        List<Event> after = events(STACK.kafka(), TOPIC).subList(before, events(STACK.kafka(), TOPIC).size());
        assertEquals(600 + 20 + 1, after.size(), () -> "records after the restart: " + after.stream()
                .map(Event::key).collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
        EgressFlowTest.assertRevisionsRise(events(STACK.kafka(), TOPIC));
    }

    private static String thing(String id) {
        return STACK.sandbox().httpUrl() + "/api/2/things/" + id;
    }

    private static Map<String, Event> latestByKey() {
        Map<String, Event> latest = new HashMap<>();
        events(STACK.kafka(), TOPIC).forEach(e -> latest.put(e.key(), e));
        return latest;
    }

    private static SandboxStore storeRevisions() {
        return STACK.sandbox().store();
    }

    private static long revision(SandboxStore store, String id) {
        return store.thing(ThingId.of(id)).orElseThrow().revision();
    }
}
