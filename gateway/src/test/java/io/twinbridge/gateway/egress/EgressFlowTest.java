package io.twinbridge.gateway.egress;

import static io.twinbridge.gateway.egress.EgressTestKit.commands;
import static io.twinbridge.gateway.egress.EgressTestKit.events;
import static io.twinbridge.gateway.egress.EgressTestKit.http;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.egress.EgressTestKit.Event;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.sandbox.fleet.AssetKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Egress end to end: real broker, real sandbox, the gateway as in production (ingest and egress on). */
@Tag("flow")
class EgressFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MERGE = "application/merge-patch+json";
    private static final String JSON = "application/json";
    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("flow").topics("telemetry", 2, "acme", "globex");

    @BeforeAll
    static void start() throws Exception {
        STACK.start(EgressTestKit.env(STACK));
    }

    private static String thing(String id) {
        return STACK.sandbox().httpUrl() + "/api/2/things/" + id;
    }

    @Test
    void everyKindOfChangeFromHttpAndFromIngestReachesTheTenantTopicInRevisionOrder() {
        // given: changes through Ditto's HTTP API, one of every event kind
        String id = "acme:hvac-http";
        assertEquals(201, http("PUT", thing(id), JSON, "{\"attributes\":{\"model\":\"hvac\"},\"features\":{}}"));
        assertEquals(204, http("PATCH", thing(id) + "/attributes", MERGE, "{\"site\":\"north\"}"));
        assertEquals(204, http("PUT", thing(id) + "/attributes/site", JSON, "\"south\""));
        assertEquals(204, http("DELETE", thing(id) + "/attributes/site", null, null));
        assertEquals(204, http("DELETE", thing(id), null, null));
        // and: telemetry of both tenants through the gateway's ingest
        List<SimRecord> telemetry = new FleetSimulator(FleetOptions.defaults().withTopicPrefix("flow")
                .withDevicesPerKind(1).withKinds(EnumSet.of(AssetKind.TURBINE))).stream().limit(20)
                .collect(Collectors.toList());
        EgressTestKit.produce(STACK.kafka(), telemetry);

        // then: the HTTP changes, in order, with their actions
        await().atMost(WAIT).ignoreExceptions().until(() -> events(STACK.kafka(), "flow.twin-events.acme").stream()
                .filter(e -> e.key().equals(id)).count() == 5);
        List<Event> acme = events(STACK.kafka(), "flow.twin-events.acme");
        List<Event> http = acme.stream().filter(e -> e.key().equals(id)).toList();
        assertEquals(List.of("CREATED", "MERGED", "MODIFIED", "DELETED", "DELETED"),
                http.stream().map(Event::action).toList());
        assertEquals(List.of("/", "/attributes", "/attributes/site", "/attributes/site", "/"),
                http.stream().map(Event::path).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), http.stream().map(Event::revision).toList());
        assertEquals("\"south\"", http.get(2).value());

        // and: ingest's provisioning (created, with the first records' values) and merges of each tenant's turbine,
        // revisions rising per thing
        for (String tenant : List.of("acme", "globex")) {
            String turbine = tenant + ":" + telemetry.stream().filter(r -> r.tenant().equals(tenant)).findFirst()
                    .orElseThrow().key();
            long merges = telemetry.stream().filter(r -> r.tenant().equals(tenant)).count();
            await().atMost(WAIT).ignoreExceptions().until(() -> events(STACK.kafka(), "flow.twin-events." + tenant)
                    .stream()
                    .filter(e -> e.key().equals(turbine)).count() >= 1
                    && lastRevision(events(STACK.kafka(), "flow.twin-events." + tenant), turbine)
                    == revisionInDitto(turbine));
            List<Event> events = events(STACK.kafka(), "flow.twin-events." + tenant);
            List<Event> ofTurbine = events.stream().filter(e -> e.key().equals(turbine)).toList();
            assertEquals("CREATED", ofTurbine.get(0).action());
            assertTrue(ofTurbine.size() <= merges + 1, "at most one merge per record");
            assertRevisionsRise(events);
            // tenant separation: only this tenant's things, and the tenant field says so
            assertTrue(events.stream().allMatch(e -> e.thingId().startsWith(tenant + ":")
                    && e.key().equals(e.thingId()) && e.tenant().equals(tenant)), () -> tenant + ": " + events);
        }
    }

    @Test
    void anOperatorPatchOfADesiredPropertyGivesExactlyOneCommandAndTheReportedValueClearsIt() {
        String id = "acme:hvac-7";
        assertEquals(201, http("PUT", thing(id), JSON,
                "{\"attributes\":{\"model\":\"hvac\"},\"features\":{\"setpoints\":{\"properties\":{}}}}"));

        assertEquals(204, http("PATCH", thing(id) + "/features/setpoints/desiredProperties", MERGE,
                "{\"targetTemperature\":21.5}"));

        await().atMost(WAIT).ignoreExceptions().until(() -> !commands(STACK.kafka(), "flow.commands.acme").isEmpty());
        List<GenericRecord> commands = commands(STACK.kafka(), "flow.commands.acme");
        assertEquals(1, commands.size(), commands::toString);
        GenericRecord command = commands.get(0);
        assertEquals("hvac-7", command.get("deviceId").toString());
        assertEquals(id, command.get("thingId").toString());
        assertEquals("acme", command.get("tenant").toString());
        assertEquals("setTargetTemperature", command.get("command").toString());
        Map<String, Object> parameters = new HashMap<>();
        ((Map<?, ?>) command.get("parameters")).forEach((k, v) -> parameters.put(k.toString(), v));
        assertEquals(Map.of("temperatureC", 21.5), parameters);
        assertEquals(id + "@2/setTargetTemperature", command.get("commandId").toString());
        assertTrue(readAllKeys("flow.commands.acme").stream().allMatch("hvac-7"::equals));

        // the device reports the desired value: egress clears the desired property, and no new command follows
        assertEquals(204, http("PATCH", thing(id) + "/features/setpoints/properties", MERGE,
                "{\"targetTemperature\":21.5}"));
        await().atMost(WAIT).until(() -> !EgressTestKit.getJson(thing(id)).contains("desiredProperties\":{\"target"));
        await().atMost(WAIT).ignoreExceptions().until(() -> events(STACK.kafka(), "flow.twin-events.acme").stream()
                .anyMatch(e -> e.key().equals(id) && e.value() != null && e.value().contains("null")));
        assertEquals(1, commands(STACK.kafka(), "flow.commands.acme").size());
        assertFalse(events(STACK.kafka(), "flow.twin-events.globex").stream().anyMatch(e -> e.key().equals(id)));
    }

    private static List<String> readAllKeys(String topic) {
        return EgressTestKit.readAll(STACK.kafka(), topic).stream()
                .map(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    private static long lastRevision(List<Event> events, String key) {
        return events.stream().filter(e -> e.key().equals(key)).mapToLong(Event::revision).max().orElse(-1);
    }

    private static long revisionInDitto(String thingId) {
        return STACK.sandbox().store().thing(org.eclipse.ditto.things.model.ThingId.of(thingId)).orElseThrow()
                .revision();
    }

    static void assertRevisionsRise(List<Event> events) {
        Map<String, List<Long>> byKey = new HashMap<>();
        events.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.revision()));
        byKey.forEach((key, revisions) -> {
            for (int i = 1; i < revisions.size(); i++) {
                assertTrue(revisions.get(i) > revisions.get(i - 1), () -> key + " revisions " + revisions);
            }
        });
    }
}
