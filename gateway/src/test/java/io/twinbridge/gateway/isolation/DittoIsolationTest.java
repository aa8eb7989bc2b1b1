package io.twinbridge.gateway.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.config.DittoConfig;
import io.twinbridge.gateway.ditto.DittoClientAdapter;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;

import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantDocs;
import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import io.twinbridge.gateway.tenant.policy.GatewaySubjects;
import io.twinbridge.gateway.tenant.policy.PolicyRenderer;
import io.twinbridge.gateway.tenant.policy.TenantPolicy;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ditto itself keeps tenants apart: the rendered policies, applied to the sandbox (Ditto's own evaluator), with a
 * Ditto user per tenant for the gateway and one per role.
 */
@Tag("flow")
class DittoIsolationTest {
    private static final String PW = "secret";
    private static final String DOC = "{'tenants':["
            + "{'id':'acme','namespaces':['acme'],'roles':{'admin':['nginx:acme-admin'],'operator':['nginx:acme-operator'],"
            + "'viewer':['nginx:acme-viewer'],'device':['nginx:acme-device']},"
            + "'ditto':{'username':'acme-gw','passwordEnv':'TENANT_ACME_PASSWORD'}},"
            + "{'id':'globex','namespaces':['globex'],'roles':{'viewer':['nginx:globex-viewer']},"
            + "'ditto':{'username':'globex-gw','passwordEnv':'TENANT_GLOBEX_PASSWORD'}}]}";

    private static DittoSandbox sandbox;
    private static final List<DittoPort> ports = new ArrayList<>();
    private static DittoPort acmeGateway;
    private static DittoPort globexGateway;

    @BeforeAll
    static void setUp() {
        SandboxOptions options = SandboxOptions.defaults().withPort(0);
        for (String user : List.of("acme-gw", "globex-gw", "acme-admin", "acme-operator", "acme-viewer", "acme-device",
                "globex-viewer")) {
            options = options.withUser(user, PW);
        }
        sandbox = DittoSandbox.start(options);
        TenantDocument doc = TenantDocs.valid(TenantDocs.reader().readDocument(TenantDocs.utf8(DOC)));
        PolicyRenderer renderer = new PolicyRenderer(ModelRegistry.fromClasspath(),
                new GatewaySubjects("nginx", "ditto"));
        DittoPort manager = port("ditto", "ditto");
        acmeGateway = port("acme-gw", PW);
        globexGateway = port("globex-gw", PW);
        for (TenantSpec tenant : doc.tenants()) {
            TenantPolicy policy = renderer.render(tenant);
            manager.putPolicy(PolicyId.of(policy.policyId()), policy.json(), DittoRequestOptions.defaults())
                    .toCompletableFuture().join();
        }
        create(acmeGateway, "acme:turbine-1", "acme:tenant-policy");
        create(acmeGateway, "acme:turbine-2", "acme:tenant-policy");
        create(globexGateway, "globex:turbine-1", "globex:tenant-policy");
    }

    @AfterAll
    static void tearDown() {
        ports.forEach(p -> p.close().toCompletableFuture().join());
        sandbox.close();
    }

    @Test
    void aTenantsGatewayUserCannotWriteAnotherTenantsTwinEvenIfRoutingWereWrong() {
        // given the gateway's session for acme, wrongly used for a globex thing
        CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> acmeGateway.mergeThing(ThingId.of("globex:turbine-1"), JsonPointer.of("/features/rotor"
                        + "/properties"), JsonObject.newBuilder().set("rpm", 999).build(),
                        DittoRequestOptions.defaults()).toCompletableFuture().join());
        DittoPortException e = (DittoPortException) refused.getCause();
        assertEquals(404, e.status(), "Ditto hides another tenant's thing entirely: " + e.getMessage());
        assertTrue(acmeGateway.retrieveThing(ThingId.of("globex:turbine-1")).toCompletableFuture().join().isEmpty());
        // and globex's twin is untouched, as its own gateway user sees it
        JsonObject twin = globexGateway.retrieveThing(ThingId.of("globex:turbine-1")).toCompletableFuture().join()
                .orElseThrow();
        assertTrue(twin.getValue(JsonPointer.of("/features/rotor/properties/rpm")).isEmpty(), twin::toString);
    }

    @Test
    void theTenantsOwnGatewayUserWritesItsTwins() {
        acmeGateway.mergeThing(ThingId.of("acme:turbine-1"), JsonPointer.of("/features/rotor/properties"),
                JsonObject.newBuilder().set("rpm", 12).build(), DittoRequestOptions.defaults())
                .toCompletableFuture().join();
        assertEquals(JsonValue.of(12), acmeGateway.retrieveThing(ThingId.of("acme:turbine-1")).toCompletableFuture()
                .join().orElseThrow().getValue(JsonPointer.of("/features/rotor/properties/rpm")).orElseThrow());
    }

    @Test
    void aViewerReadsButCannotWrite() {
        IsolationHttp http = new IsolationHttp(sandbox.httpUrl(), "acme-viewer", PW);
        assertEquals(200, http.get("/api/2/things/acme:turbine-1"));
        assertEquals(403, http.put("/api/2/things/acme:turbine-1/features/rotor/properties/rpm", "1"));
        assertEquals(403, http.put("/api/2/things/acme:turbine-1/features/rotor/desiredProperties/rpm", "1"));
        assertEquals(404, new IsolationHttp(sandbox.httpUrl(), "globex-viewer", PW).get("/api/2/things/acme:turbine-1"),
                "another tenant's viewer does not even see the thing");
    }

    @Test
    void anOperatorWritesDesiredPropertiesButNotProperties() {
        IsolationHttp http = new IsolationHttp(sandbox.httpUrl(), "acme-operator", PW);
        assertEquals(200, http.get("/api/2/things/acme:turbine-1"));
        int desired = http.put("/api/2/things/acme:turbine-1/features/rotor/desiredProperties/rpm", "15");
        assertTrue(desired == 201 || desired == 204, "desiredProperties write answered " + desired);
        assertEquals(403, http.put("/api/2/things/acme:turbine-1/features/rotor/properties/rpm", "15"));
        assertEquals(403, http.put("/api/2/things/acme:turbine-1/attributes/site", "\"x\""));
    }

    @Test
    void aDeviceWritesPropertiesButCannotReadAnotherDevice() {
        IsolationHttp http = new IsolationHttp(sandbox.httpUrl(), "acme-device", PW);
        int written = http.put("/api/2/things/acme:turbine-1/features/rotor/properties/rpm", "7");
        assertTrue(written == 201 || written == 204, "properties write answered " + written);
        assertEquals(404, http.get("/api/2/things/acme:turbine-2"));
        assertEquals(404, http.get("/api/2/things/globex:turbine-1"));
    }

    /**
     * Issue 11 item 4: a tenant admin decides who holds a role, but cannot remove or weaken the gateway's entries, nor
     * grant itself the right to (Ditto's lockout prevention would only keep POLICY-MANAGER, not GATEWAY).
     */
    @Test
    void aTenantAdminCannotLockTheGatewayOutOfItsTenant() {
        IsolationHttp admin = new IsolationHttp(sandbox.httpUrl(), "acme-admin", PW);
        String policy = "/api/2/policies/acme:tenant-policy";
        assertEquals(200, admin.get(policy), "an admin sees the policy");
        assertEquals(403, admin.delete(policy + "/entries/GATEWAY"));
        assertEquals(403, admin.delete(policy + "/entries/POLICY-MANAGER"));
        assertEquals(403, admin.put(policy + "/entries/GATEWAY/resources/thing:/",
                "{\"grant\":[\"READ\"],\"revoke\":[\"WRITE\"]}"));
        assertEquals(403, admin.put(policy + "/entries/GATEWAY/subjects/nginx:acme-admin", "{\"type\":\"x\"}"));
        String policyWrite = "{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]}";
        assertEquals(403, admin.put(policy + "/entries/ADMIN/resources/policy:/", policyWrite), "no escalation");
        assertEquals(403, admin.put(policy + "/entries/OPERATOR/resources/policy:/", policyWrite), "no escalation");
        assertEquals(403, admin.put(policy + "/entries/MINE", "{\"subjects\":{\"nginx:acme-admin\":{\"type\":\"x\"}},"
                + "\"resources\":{\"policy:/\":" + policyWrite + "}}"), "no new entries");
        assertEquals(403, admin.delete(policy));
        assertEquals(201, admin.put(policy + "/entries/VIEWER/subjects/nginx:acme-auditor", "{\"type\":\"by-admin\"}"),
                "an admin may add a viewer");
        // and the tenant's gateway user still writes its twins
        acmeGateway.mergeThing(ThingId.of("acme:turbine-2"), JsonPointer.of("/features/rotor/properties"),
                JsonObject.newBuilder().set("rpm", 3).build(), DittoRequestOptions.defaults())
                .toCompletableFuture().join();
    }

    private static DittoPort port(String user, String password) {
        DittoConfig config = new DittoConfig(URI.create(sandbox.wsUrl()), URI.create(sandbox.httpUrl()), user,
                password, Duration.ofSeconds(10), Duration.ofSeconds(10));
        DittoPort port = new DittoClientAdapter(config, "isolation-" + user);
        port.connect().toCompletableFuture().join();
        ports.add(port);
        return port;
    }

    private static void create(DittoPort port, String thingId, String policyId) {
        port.createThing(JsonObject.newBuilder().set("thingId", thingId).set("policyId", policyId)
                .set("features", JsonObject.newBuilder().set("rotor", JsonObject.newBuilder()
                        .set("properties", JsonObject.empty()).build()).build()).build())
                .toCompletableFuture().join();
    }

}
