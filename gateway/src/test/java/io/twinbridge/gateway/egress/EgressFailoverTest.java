package io.twinbridge.gateway.egress;

import static io.twinbridge.gateway.egress.EgressTestKit.events;
import static io.twinbridge.gateway.egress.EgressTestKit.http;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.metrics.MeterReads;
import io.twinbridge.gateway.metrics.MetricNames;
import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.egress.EgressTestKit.Event;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.testkit.GatewayStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15, failover: two gateway instances run egress; per tenant one is active (it won the tenant's election group),
 * the other stands by. With both healthy each change is published exactly once. When the active one crashes, the
 * standby takes over within the group's session timeout and nothing is missing.
 *
 * <p>The crash is in-process ({@link EgressService#crash()}): the election's consumer closes without leaving its
 * group (the coordinator learns of it only when the session times out, as after a SIGKILL), the Ditto session and the
 * producer close at once, and nothing is drained or written.
 */
@Tag("flow")
class EgressFailoverTest {
    private static final String TOPIC = "failover.twin-events.acme";
    private static final TenantId ACME = TenantId.of("acme");
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    private static final int THINGS = 50;
    private static final String JSON = "application/json";
    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("failover").topics("twin-events", 2, "acme");

    @Test
    void twoHealthyInstancesPublishEachChangeOnceAndTheStandbyTakesOverACrashedOne() throws Exception {
        Map<String, String> env = EgressTestKit.egressOnlyEnv(STACK);
        env.put("TWINBRIDGE_EGRESS_FAILOVER_TIMEOUT", SESSION_TIMEOUT.toSeconds() + "s");
        List<String> ids = IntStream.range(0, THINGS).mapToObj(i -> String.format("acme:f-%03d", i)).toList();
        Gateway first = STACK.start(env);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.egress().orElseThrow().isActive(ACME));
        Gateway second = STACK.start(env);
        assertFalse(second.egress().orElseThrow().isActive(ACME), "the second instance stands by");

        // given: two healthy instances; every thing is created and changed three times
        for (String id : ids) {
            assertEquals(201, http("PUT", thing(id), JSON, "{\"attributes\":{\"model\":\"hvac\",\"n\":0}}"));
            for (int n = 1; n <= 3; n++) {
                assertEquals(204, http("PUT", thing(id) + "/attributes/n", JSON, Integer.toString(n)));
            }
        }
        // then: each thingId@revision exactly once, all as events
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> events(STACK.kafka(), TOPIC).size() >= THINGS * 4);
        List<Event> healthy = events(STACK.kafka(), TOPIC);
        assertEquals(Map.of(), duplicates(healthy), "duplicates with two healthy instances");
        assertEquals(THINGS * 4, healthy.size());
        assertTrue(healthy.stream().noneMatch(Event::resync), "no resync records in normal operation");
        assertFalse(second.egress().orElseThrow().isActive(ACME), "the healthy active instance keeps the tenant");

        // when: the active instance crashes while twins keep changing
        AtomicBoolean changing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            int n = 10;
            while (changing.get()) {
                for (String id : ids.subList(0, 10)) {
                    http("PUT", thing(id) + "/attributes/n", JSON, Integer.toString(n));
                }
                n++;
            }
        }, "failover-test-writer");
        writer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(STACK.kafka(), TOPIC).size() > THINGS * 4 + 20);
        Map<String, Long> atCrash = revisions(ids);
        long crashed = System.nanoTime();
        first.egress().orElseThrow().crash().get();

        // then: the standby takes over within the session timeout (plus the time to join and read the position)
        await().atMost(SESSION_TIMEOUT.multipliedBy(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> second.egress().orElseThrow().isActive(ACME));
        Duration takeover = Duration.ofNanos(System.nanoTime() - crashed);
        await().atMost(Duration.ofSeconds(30)).until(() -> MeterReads.total(second.egress().orElseThrow().meters(),
                MetricNames.EGRESS_EVENTS_PUBLISHED) > 20);
        changing.set(false);
        writer.join();
        Map<String, Long> last = revisions(ids);

        // and: every revision made since the crash is on the topic, or covered by a later resync record of its thing
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, Event> latest = new HashMap<>();
            events(STACK.kafka(), TOPIC).forEach(e -> latest.put(e.key(), e));
            return ids.stream().allMatch(id -> latest.get(id).revision() == last.get(id));
        });
        List<Event> all = events(STACK.kafka(), TOPIC);
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            for (long r = atCrash.get(id) + 1; r <= last.get(id); r++) {
                long revision = r;
                boolean covered = all.stream().anyMatch(e -> e.key().equals(id) && (e.revision() == revision
                        || e.resync() && e.revision() > revision));
                if (!covered) {
                    missing.add(id + "@" + r);
                }
            }
        }
        Map<String, Long> duplicates = duplicates(all);
        long changesAfterCrash = ids.stream().mapToLong(id -> last.get(id) - atCrash.get(id)).sum();
        System.out.println("EgressFailoverTest: takeover " + takeover.toMillis() + " ms after the crash (session "
                + "timeout " + SESSION_TIMEOUT.toMillis() + " ms); " + changesAfterCrash + " changes after the crash, "
                + missing.size() + " missing, " + duplicates.size() + " duplicated thingId@revision, "
                + all.stream().filter(Event::resync).count() + " resync records");
        assertEquals(List.of(), missing);
        EgressFlowTest.assertRevisionsRise(all.stream().filter(e -> !duplicates.containsKey(e.key() + "@"
                + e.revision())).toList());
    }

    private static Map<String, Long> duplicates(List<Event> events) {
        return events.stream().map(e -> e.key() + "@" + e.revision())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, Long> revisions(List<String> ids) {
        Map<String, Long> revisions = new HashMap<>();
        ids.forEach(id -> revisions.put(id, STACK.sandbox().store().thing(ThingId.of(id)).orElseThrow().revision()));
        return revisions;
    }

    private static String thing(String id) {
        return STACK.sandbox().httpUrl() + "/api/2/things/" + id;
    }
}
