package io.twinbridge.gateway.http;

import static io.twinbridge.gateway.testkit.AdminClient.basic;
import static io.twinbridge.gateway.testkit.AdminClient.bearer;
import static io.twinbridge.gateway.testkit.AdminClient.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.testkit.AdminClient.Answer;
import io.twinbridge.gateway.tenant.TenantDocs;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.testkit.TestHttp;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API against a real gateway and the Ditto sandbox; ingest is off, Kafka is not needed. */
@Tag("flow")
class AdminApiTest {
    private static final String OPS_TOKEN = "ops-token-0123456789abcdef";
    private static final String ACME_TOKEN = "acme-token-0123456789abcdef";
    private static final String INITECH = "{\"namespaces\":[\"initech\"],\"roles\":{\"viewer\":[\"nginx:peter\"]}}";

    @TempDir
    static Path dir;
    static Path tenantsFile;
    static DittoSandbox sandbox;
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0).withUser("owner", "owner"));
        tenantsFile = dir.resolve("tenants.json");
        Files.write(tenantsFile, TenantDocs.exampleBytes());
        gateway = Gateway.start(config(sandbox.wsUrl(), Optional.of(tenantsFile))).await(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop().await(15, TimeUnit.SECONDS);
        sandbox.close();
    }

    static GatewayConfig config(String dittoWs, Optional<Path> tenants) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + TestHttp.unusedPort(),
                "TWINBRIDGE_DITTO_ENDPOINT", dittoWs,
                "TWINBRIDGE_DITTO_HTTP_ENDPOINT", dittoWs.replaceFirst("^ws", "http").replaceFirst("/ws/2$", ""),
                "TWINBRIDGE_DITTO_CONNECT_TIMEOUT", "2s",
                "TWINBRIDGE_DITTO_REQUEST_TIMEOUT", "2s",
                "TWINBRIDGE_HTTP_PORT", "0",
                "TWINBRIDGE_INGEST_ENABLED", "false",
                "TWINBRIDGE_ADMIN_PRINCIPALS", "ops:*:" + AdminAuth.hash(OPS_TOKEN) + ",acme-admin:acme:"
                        + AdminAuth.hash(ACME_TOKEN)));
        tenants.ifPresent(t -> env.put("TWINBRIDGE_TENANTS_FILE", t.toString()));
        return GatewayConfig.fromEnv(env);
    }

    private static String admin(String path) {
        return "http://127.0.0.1:" + gateway.httpPort() + path;
    }

    private static Answer policyInDitto(String policyId) {
        return call("GET", sandbox.httpUrl() + "/api/2/policies/" + policyId, basic("ditto", "ditto"),
                Optional.empty());
    }

    @Test
    void withoutAValidTokenEveryCallIs401() {
        assertEquals(401, call("GET", admin("/admin/tenants"), Optional.empty(), Optional.empty()).status());
        assertEquals(401, call("GET", admin("/admin/tenants"), bearer("wrong"), Optional.empty()).status());
        assertEquals(401, call("GET", admin("/admin/tenants/acme"), basic("ditto", "ditto"), Optional.empty())
                .status());
        Answer put = call("PUT", admin("/admin/tenants/initech"), Optional.empty(), Optional.of(INITECH));
        assertEquals(401, put.status());
        assertEquals("admin:unauthorized", put.json().getString("error"));
        assertTrue(gateway.tenants().get(TenantId.of("initech")).isEmpty());
    }

    @Test
    void aTenantAdminSeesAndChangesItsOwnTenantOnly() {
        Answer list = call("GET", admin("/admin/tenants"), bearer(ACME_TOKEN), Optional.empty());
        assertEquals(200, list.status());
        assertEquals(List.of("acme"), ids(list.json().getJsonArray("tenants")));
        assertEquals(200, call("GET", admin("/admin/tenants/acme"), bearer(ACME_TOKEN), Optional.empty()).status());
        assertEquals(403, call("GET", admin("/admin/tenants/globex"), bearer(ACME_TOKEN), Optional.empty()).status());
        assertEquals(403, call("PUT", admin("/admin/tenants/initech"), bearer(ACME_TOKEN), Optional.of(INITECH))
                .status());
        assertEquals(403, call("DELETE", admin("/admin/tenants/globex"), bearer(ACME_TOKEN), Optional.empty())
                .status());
        assertTrue(gateway.tenants().get(TenantId.of("globex")).isPresent());
    }

    @Test
    void theOperatorSeesAllTenantsWhosePoliciesWereAppliedAtStart() {
        Answer list = call("GET", admin("/admin/tenants"), bearer(OPS_TOKEN), Optional.empty());
        assertEquals(List.of("acme", "globex"), ids(list.json().getJsonArray("tenants")));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(200, policyInDitto("globex:tenant-policy").status()));
        assertEquals(200, policyInDitto("acme:tenant-policy").status());
    }

    @Test
    void aDryRunRendersWithoutApplying() {
        Answer dry = call("PUT", admin("/admin/tenants/dryco?dryRun=true"), bearer(OPS_TOKEN),
                Optional.of("{\"namespaces\":[\"dryco\"],\"roles\":{\"viewer\":[\"nginx:v\"]}}"));
        assertEquals(200, dry.status(), dry.body());
        JsonArray policies = dry.json().getJsonArray("policies");
        assertEquals(1, policies.size());
        assertEquals("dryco:tenant-policy", policies.getJsonObject(0).getString("policyId"));
        assertEquals(404, policyInDitto("dryco:tenant-policy").status());
        assertTrue(gateway.tenants().get(TenantId.of("dryco")).isEmpty());
    }

    @Test
    void anInvalidTenantIs400WithEveryProblemAndChangesNothing() throws Exception {
        byte[] fileBefore = Files.readAllBytes(tenantsFile);
        Answer bad = call("PUT", admin("/admin/tenants/badco"), bearer(OPS_TOKEN),
                Optional.of("{\"namespaces\":[\"9bad\"],\"roles\":{\"viewer\":[\"no-issuer\"]},\"extra\":1}"));
        assertEquals(400, bad.status(), bad.body());
        assertEquals(List.of("", "/namespaces/0", "/roles/viewer/0"), bad.json().getJsonArray("problems").stream()
                .map(p -> ((JsonObject) p).getString("pointer")).toList());

        Answer claimed = call("PUT", admin("/admin/tenants/badco"), bearer(OPS_TOKEN),
                Optional.of("{\"namespaces\":[\"acme\"],\"roles\":{}}"));
        assertEquals(400, claimed.status());
        assertTrue(claimed.body().contains("already claimed by tenant acme"), claimed.body());

        Answer malformed = call("PUT", admin("/admin/tenants/badco"), bearer(OPS_TOKEN), Optional.of("{\"namesp"));
        assertEquals(400, malformed.status());
        assertTrue(malformed.body().contains("malformed JSON"), malformed.body());

        Answer credential = call("PUT", admin("/admin/tenants/badco"), bearer(OPS_TOKEN), Optional.of(
                "{\"namespaces\":[\"badco\"],\"roles\":{},\"ditto\":{\"username\":\"badco-gw\","
                        + "\"passwordEnv\":\"TENANT_BADCO\"}}"));
        assertEquals(400, credential.status(), "its password variable is not set in the gateway's environment");
        assertTrue(credential.body().contains("\"/ditto/passwordEnv\""), credential.body());

        Answer pathChars = call("PUT", admin("/admin/tenants/Bad%2Fco"), bearer(OPS_TOKEN), Optional.of(INITECH));
        assertEquals(400, pathChars.status());

        assertTrue(gateway.tenants().get(TenantId.of("badco")).isEmpty());
        assertEquals(404, policyInDitto("badco:tenant-policy").status());
        assertEquals(new String(fileBefore, StandardCharsets.UTF_8),
                new String(Files.readAllBytes(tenantsFile), StandardCharsets.UTF_8));
    }

    /** tenants.max-document-bytes (default 1 MiB) bounds one tenant sent to the admin API, too. */
    @Test
    void aTenantOverTheSizeLimitIsRefusedAndChangesNothing() throws Exception {
        int limit = 1_048_576;
        byte[] fileBefore = Files.readAllBytes(tenantsFile);
        String start = "{\"namespaces\":[\"badco\"],\"roles\":{},\"padding\":\"";

        // one byte over: the reader names the limit
        Answer justOver = call("PUT", admin("/admin/tenants/badco"), bearer(OPS_TOKEN),
                Optional.of(padded(start, limit + 1)));
        assertEquals(400, justOver.status(), justOver.body());
        assertTrue(justOver.body().contains("over the limit of " + limit + " bytes"), justOver.body());
        // far over: the HTTP layer stops reading the body
        Answer farOver = call("PUT", admin("/admin/tenants/badco"), bearer(OPS_TOKEN),
                Optional.of(padded(start, limit + 4096)));
        assertEquals(413, farOver.status(), farOver.body());

        assertTrue(gateway.tenants().get(TenantId.of("badco")).isEmpty());
        assertEquals(404, policyInDitto("badco:tenant-policy").status());
        assertEquals(new String(fileBefore, StandardCharsets.UTF_8),
                new String(Files.readAllBytes(tenantsFile), StandardCharsets.UTF_8));
    }

    /** A JSON object of exactly {@code bytes} UTF-8 bytes, {@code start} then a padded string member. */
    private static String padded(String start, int bytes) {
        return start + "x".repeat(bytes - start.length() - 2) + "\"}";
    }

    @Test
    void putAppliesThePolicyServesTheTenantAndWritesTheFileThenDeleteStopsIt() throws Exception {
        Answer created = call("PUT", admin("/admin/tenants/initech"), bearer(OPS_TOKEN), Optional.of(INITECH));
        assertEquals(201, created.status(), created.body());
        assertEquals(200, policyInDitto("initech:tenant-policy").status());
        assertTrue(gateway.tenants().get(TenantId.of("initech")).isPresent());
        assertTrue(Files.readString(tenantsFile, StandardCharsets.UTF_8).contains("\"initech\""));

        Answer again = call("PUT", admin("/admin/tenants/initech"), bearer(OPS_TOKEN), Optional.of(INITECH));
        assertEquals(200, again.status(), "a repeated PUT is an idempotent update");

        assertEquals(204, call("DELETE", admin("/admin/tenants/initech"), bearer(OPS_TOKEN), Optional.empty())
                .status());
        assertEquals(404, call("GET", admin("/admin/tenants/initech"), bearer(OPS_TOKEN), Optional.empty()).status());
        assertFalse(Files.readString(tenantsFile, StandardCharsets.UTF_8).contains("\"initech\""));
        assertEquals(200, policyInDitto("initech:tenant-policy").status(), "the policy stays for the kept twins");
        assertEquals(404, call("DELETE", admin("/admin/tenants/initech"), bearer(OPS_TOKEN), Optional.empty())
                .status());
    }

    @Test
    void purgeTwinsDeletesEveryThingOfTheTenantsNamespacesThenRemovesIt() throws Exception {
        assertEquals(201, call("PUT", admin("/admin/tenants/hooli"), bearer(OPS_TOKEN), Optional.of(
                "{\"namespaces\":[\"hooli\",\"hooli.labs\"],\"roles\":{}}")).status());
        // more than one search page (200), in both namespaces; and one thing of another tenant that must stay
        for (int i = 0; i < 203; i++) {
            createThing("hooli:box-" + i, "hooli:tenant-policy");
        }
        createThing("hooli.labs:probe", "hooli:tenant-policy");
        createThing("acme:neighbour", "acme:tenant-policy");

        Answer purged = call("DELETE", admin("/admin/tenants/hooli?purgeTwins=true"), bearer(OPS_TOKEN),
                Optional.empty());
        assertEquals(200, purged.status(), purged.body());
        assertEquals(204, purged.json().getLong("thingsDeleted"));
        assertEquals(404, thing("hooli:box-7").status());
        assertEquals(404, thing("hooli.labs:probe").status());
        assertEquals(200, thing("acme:neighbour").status());
        assertTrue(gateway.tenants().get(TenantId.of("hooli")).isEmpty());
        assertFalse(Files.readString(tenantsFile, StandardCharsets.UTF_8).contains("\"hooli\""));
        assertEquals(200, policyInDitto("hooli:tenant-policy").status(), "the policy stays");
        assertEquals(404, call("DELETE", admin("/admin/tenants/hooli?purgeTwins=true"), bearer(OPS_TOKEN),
                Optional.empty()).status());
    }

    @Test
    void aPurgeThatDittoStopsHalfWayIsContinuedByTheSameDelete() throws Exception {
        assertEquals(201, call("PUT", admin("/admin/tenants/piedpiper"), bearer(OPS_TOKEN), Optional.of(
                "{\"namespaces\":[\"piedpiper\"],\"roles\":{}}")).status());
        createThing("piedpiper:a", "piedpiper:tenant-policy");
        // a thing the gateway may read but not delete: Ditto refuses its deletion, the purge stops there
        String readOnly = "{\"policyId\":\"piedpiper:locked\",\"_policy\":{\"entries\":{"
                + "\"OWNER\":{\"subjects\":{\"nginx:owner\":{\"type\":\"t\"}},\"resources\":{"
                + "\"thing:/\":{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]},"
                + "\"policy:/\":{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]}}},"
                + "\"GW\":{\"subjects\":{\"nginx:ditto\":{\"type\":\"t\"}},\"resources\":{"
                + "\"thing:/\":{\"grant\":[\"READ\"],\"revoke\":[]}}}}}}";
        Answer locked = call("PUT", sandbox.httpUrl() + "/api/2/things/piedpiper:b", basic("owner", "owner"),
                Optional.of(readOnly));
        assertEquals(201, locked.status(), locked.body());

        Answer stopped = call("DELETE", admin("/admin/tenants/piedpiper?purgeTwins=true"), bearer(OPS_TOKEN),
                Optional.empty());
        assertEquals(502, stopped.status(), stopped.body());
        assertTrue(stopped.body().contains("repeating the DELETE continues"), stopped.body());
        assertTrue(gateway.tenants().get(TenantId.of("piedpiper")).isPresent(), "kept, to be continued");
        assertEquals(404, thing("piedpiper:a").status());

        // when the obstacle is gone, the same DELETE continues and finishes
        assertEquals(204, call("DELETE", sandbox.httpUrl() + "/api/2/things/piedpiper:b", basic("owner", "owner"),
                Optional.empty()).status());
        createThing("piedpiper:c", "piedpiper:tenant-policy");
        Answer done = call("DELETE", admin("/admin/tenants/piedpiper?purgeTwins=true"), bearer(OPS_TOKEN),
                Optional.empty());
        assertEquals(200, done.status(), done.body());
        assertEquals(1, done.json().getLong("thingsDeleted"));
        assertTrue(gateway.tenants().get(TenantId.of("piedpiper")).isEmpty());
    }

    private static void createThing(String thingId, String policyId) {
        Answer created = call("PUT", sandbox.httpUrl() + "/api/2/things/" + thingId, basic("ditto", "ditto"),
                Optional.of("{\"policyId\":\"" + policyId + "\"}"));
        assertEquals(201, created.status(), created.body());
    }

    private static Answer thing(String thingId) {
        return call("GET", sandbox.httpUrl() + "/api/2/things/" + thingId, basic("ditto", "ditto"), Optional.empty());
    }

    @Test
    void dittoDownIs503AndNothingChanges() throws Exception {
        Gateway offline = Gateway.start(config("ws://127.0.0.1:" + TestHttp.unusedPort() + "/ws/2",
                Optional.empty())).await(30, TimeUnit.SECONDS);
        try {
            Answer answer = call("PUT", "http://127.0.0.1:" + offline.httpPort() + "/admin/tenants/initech",
                    bearer(OPS_TOKEN), Optional.of(INITECH));
            assertEquals(503, answer.status(), answer.body());
            assertEquals("admin:ditto.unavailable", answer.json().getString("error"));
            assertTrue(offline.tenants().get(TenantId.of("initech")).isEmpty());
            assertEquals(404, call("GET", "http://127.0.0.1:" + offline.httpPort() + "/admin/tenants/initech",
                    bearer(OPS_TOKEN), Optional.empty()).status());
        } finally {
            offline.stop().await(15, TimeUnit.SECONDS);
        }
    }

    private static List<String> ids(JsonArray tenants) {
        return tenants.stream().map(t -> ((JsonObject) t).getJsonObject("tenant").getString("id")).toList();
    }
}
