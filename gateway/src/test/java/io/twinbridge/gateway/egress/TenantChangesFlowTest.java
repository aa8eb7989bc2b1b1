package io.twinbridge.gateway.egress;

import static io.twinbridge.gateway.egress.EgressTestKit.events;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.http.AdminAuth;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.testkit.AdminClient;
import io.twinbridge.gateway.testkit.AdminClient.Answer;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.sandbox.fleet.AssetKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with a tenants document, end to end (broker, sandbox): a tenant with its own Ditto user and an
 * overridden telemetry topic is written and read as that user; tenants added and removed through the admin API start
 * and stop their egress without a restart.
 */
@Tag("flow")
class TenantChangesFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OPS_TOKEN = "ops-token-0123456789abcdef";
    private static final String ACME_TOPIC = "plant7.acme.raw";

    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("tc").sandbox(o -> o.withUser("acme-gw", "acme-pw"))
            .topic(ACME_TOPIC, 1).topic("tc.telemetry.globex", 1).topic("tc.dlq.acme", 1)
            .topics("twin-events", 1, "acme", "globex", "initech").topic("tc.commands.initech", 1);

    @TempDir
    static Path dir;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path tenants = dir.resolve("tenants.json");
        Files.writeString(tenants, """
                {"tenants": [
                  {"id": "acme", "namespaces": ["acme"], "topics": {"telemetry": "%s"}, "roles": {},
                   "ditto": {"username": "acme-gw", "passwordEnv": "TENANT_ACME_PW"}},
                  {"id": "globex", "namespaces": ["globex"], "roles": {}}
                ]}""".formatted(ACME_TOPIC), StandardCharsets.UTF_8);
        Map<String, String> env = EgressTestKit.env(STACK);
        env.put("TWINBRIDGE_TENANTS_FILE", tenants.toString());
        env.put("TWINBRIDGE_ADMIN_PRINCIPALS", "ops:*:" + AdminAuth.hash(OPS_TOKEN));
        GatewayConfig config = GatewayConfig.fromEnv(env);
        Map<String, String> processEnv = Map.of("TENANT_ACME_PW", "acme-pw");
        gateway = STACK.start(Gateway.start(config, DittoPortFactory.webSocket(config.ditto()),
                name -> Optional.ofNullable(processEnv.get(name))));
    }

    @Test
    void aTenantWithItsOwnUserAndTopicIsReadFromThatTopicAndWrittenAsThatUser() throws Exception {
        // given: acme's telemetry on its overridden topic only
        List<SimRecord> telemetry = new FleetSimulator(FleetOptions.defaults().withTopicPrefix("tc")
                .withDevicesPerKind(1).withKinds(EnumSet.of(AssetKind.TURBINE))).stream()
                .filter(r -> r.tenant().equals("acme")).limit(5).toList();
        assertFalse(telemetry.isEmpty());
        produce(ACME_TOPIC, telemetry);

        // then: the twin exists, and only acme's own user can see it: the policy grants the shared user `ditto`
        // nothing but policy management, so the twin was created and written as acme-gw
        await().atMost(WAIT).until(() -> !acmeThings("acme-gw", "acme-pw").isEmpty());
        String thingId = acmeThings("acme-gw", "acme-pw").get(0);
        assertEquals(200, get("/api/2/things/" + thingId, "acme-gw", "acme-pw").status());
        assertEquals(404, get("/api/2/things/" + thingId, "ditto", "ditto").status());
        assertEquals(List.of(), acmeThings("ditto", "ditto"), "Ditto's search honours the policy too");
        // and: acme's egress, reading as acme-gw, publishes the twin's changes on acme's twin-events topic
        await().atMost(WAIT).ignoreExceptions().until(() -> events(STACK.kafka(), "tc.twin-events.acme").stream()
                .anyMatch(e -> e.thingId().equals(thingId)));
    }

    @Test
    void aTenantAddedAtRunTimeGetsItsEgressAndLosesItWhenRemoved() throws Exception {
        // given: a new tenant, through the admin API of the running gateway
        Answer put = admin("PUT", "/admin/tenants/initech",
                "{\"namespaces\":[\"initech\",\"initech.lab\"],\"roles\":{\"viewer\":[\"nginx:peter\"]}}");
        assertEquals(201, put.status(), put.body());
        await().atMost(WAIT).until(() -> gateway.egress().orElseThrow().session(TenantId.of("initech"))
                .map(DittoPort::isConnected).orElse(false));

        // when: its twin changes in Ditto
        String thing = "/api/2/things/initech:press-1";
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals(201, send("PUT", thing,
                "{\"policyId\":\"initech:tenant-policy\",\"attributes\":{\"line\":1}}").status()));

        // and: a twin in its second namespace, made by someone else than ingest
        String labThing = "/api/2/things/initech.lab:press-2";
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals(201, send("PUT", labThing,
                "{\"policyId\":\"initech:tenant-policy\",\"attributes\":{\"line\":2}}").status()));

        // then: the events of both namespaces are on its twin-events topic
        await().atMost(WAIT).ignoreExceptions().until(() -> events(STACK.kafka(), "tc.twin-events.initech").stream()
                .map(e -> e.thingId()).toList().containsAll(List.of("initech:press-1", "initech.lab:press-2")));

        // when: the tenant is removed, its egress session closes
        DittoPort session = gateway.egress().orElseThrow().session(TenantId.of("initech")).orElseThrow();
        assertEquals(204, admin("DELETE", "/admin/tenants/initech", null).status());
        await().atMost(WAIT).until(() -> !session.isConnected()
                && gateway.egress().orElseThrow().session(TenantId.of("initech")).isEmpty());
        assertTrue(gateway.egress().orElseThrow().session(TenantId.of("globex")).isPresent(),
                "the other tenants keep their egress");
    }

    /** The ids of acme's things, by Ditto's search as this user. */
    private static List<String> acmeThings(String user, String password) throws Exception {
        JsonObject result = JsonFactory.newObject(get("/api/2/search/things?namespaces=acme&fields=thingId", user,
                password).body());
        return result.getValue("items").orElseThrow().asArray().stream()
                .map(item -> item.asObject().getValue("thingId").orElseThrow().asString()).toList();
    }

    private static void produce(String topic, List<SimRecord> records) throws Exception {
        STACK.produce(records.stream().map(r -> new ProducerRecord<>(topic, r.key().getBytes(StandardCharsets.UTF_8),
                r.value())).toList());
    }

    private static Answer get(String path, String user, String password) {
        return AdminClient.call("GET", STACK.sandbox().httpUrl() + path, AdminClient.basic(user, password),
                Optional.empty());
    }

    private static Answer send(String method, String path, String json) {
        return AdminClient.call(method, STACK.sandbox().httpUrl() + path, AdminClient.basic("ditto", "ditto"),
                Optional.of(json));
    }

    private static Answer admin(String method, String path, String json) {
        return AdminClient.call(method, "http://127.0.0.1:" + gateway.httpPort() + path,
                AdminClient.bearer(OPS_TOKEN), Optional.ofNullable(json));
    }
}
