package io.twinbridge.gateway.tenant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.testkit.AdminClient;
import io.twinbridge.gateway.testkit.AdminClient.Answer;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.gateway.testkit.TestHttp;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11.9: the gateway starts before the twin service is up (as in docker-compose). Its tenant policies reach
 * Ditto once Ditto answers, and no thing of the tenant is created before its policy exists: the sandbox, like Ditto
 * ({@code ThingEnforcerActor.loadPolicyEnforcerForCreateThing}), refuses a thing whose referenced policy is missing,
 * so with a single attempt at start every first record of a device was dead-lettered.
 */
@Tag("flow")
class TenantPoliciesAtStartFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("tpstart").topics("telemetry", 1, "acme")
            .topics("dlq", 1, "acme");

    @TempDir
    static Path dir;

    @Test
    void policiesReachDittoOnceItIsUpAndTwinsAreCreatedUnderTheirTenantsPolicy() throws Exception {
        // given: a tenant with roles, and a gateway whose Ditto is not up yet
        Path tenants = dir.resolve("tenants.json");
        Files.writeString(tenants, """
                {"tenants": [{"id": "acme", "namespaces": ["acme"],
                              "roles": {"viewer": ["nginx:acme-viewer"]}}]}""", StandardCharsets.UTF_8);
        int dittoPort = TestHttp.unusedPort();
        Map<String, String> env = GatewayStack.env(STACK.kafka(), "tpstart", "ws://127.0.0.1:" + dittoPort + "/ws/2",
                "http://127.0.0.1:" + dittoPort);
        env.put("TWINBRIDGE_TENANTS_FILE", tenants.toString());
        env.put("TWINBRIDGE_EGRESS_ENABLED", "false");
        Gateway gateway = STACK.start(Gateway.start(GatewayConfig.fromEnv(env)));
        assertFalse(gateway.isReady());

        // and: telemetry of a new device waiting on Kafka
        List<SimRecord> telemetry = new FleetSimulator(FleetOptions.defaults().withTopicPrefix("tpstart")
                .withDevicesPerKind(1).withKinds(EnumSet.of(AssetKind.TURBINE))).stream()
                .filter(r -> r.tenant().equals("acme")).limit(3).toList();
        assertFalse(telemetry.isEmpty());
        STACK.produce(telemetry.stream().map(r -> new ProducerRecord<>("tpstart.telemetry.acme",
                r.key().getBytes(StandardCharsets.UTF_8), r.value())).toList());

        // when: the twin service comes up, well after the gateway's first attempt to apply the policies
        try (DittoSandbox ditto = DittoSandbox.start(SandboxOptions.defaults().withPort(dittoPort))) {
            // then: the tenant's policy is in Ditto
            await().atMost(WAIT).until(() -> get(ditto, "/api/2/policies/acme:tenant-policy").status() == 200);
            // and: the device's twin is created under it, not under a policy of its own
            await().atMost(WAIT).until(() -> !acmeThings(ditto).isEmpty());
            String thingId = acmeThings(ditto).get(0);
            JsonObject thing = JsonFactory.newObject(get(ditto, "/api/2/things/" + thingId).body());
            assertEquals("acme:tenant-policy", thing.getValue("policyId").orElseThrow().asString());
            assertEquals(404, get(ditto, "/api/2/policies/" + thingId).status());
            // and: no record was dead-lettered for want of the policy
            assertTrue(gateway.ingest().orElseThrow().stats().deadLetteredByCode().isEmpty(),
                    () -> "dead-lettered: " + gateway.ingest().orElseThrow().stats().deadLetteredByCode());
            STACK.stop(gateway);
        }
    }

    /** The ids of acme's things, by Ditto's search as the shared user. */
    private static List<String> acmeThings(DittoSandbox ditto) {
        JsonObject result = JsonFactory.newObject(get(ditto, "/api/2/search/things?namespaces=acme&fields=thingId")
                .body());
        return result.getValue("items").orElseThrow().asArray().stream()
                .map(item -> item.asObject().getValue("thingId").orElseThrow().asString()).toList();
    }

    private static Answer get(DittoSandbox ditto, String path) {
        return AdminClient.call("GET", ditto.httpUrl() + path, AdminClient.basic("ditto", "ditto"), Optional.empty());
    }
}
