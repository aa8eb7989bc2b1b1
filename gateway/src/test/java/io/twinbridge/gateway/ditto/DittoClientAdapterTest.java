package io.twinbridge.gateway.ditto;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.testkit.TestHttp;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;

/** The production adapter against the Ditto sandbox, over a real WebSocket with basic auth. */
@Tag("flow")
class DittoClientAdapterTest {
    private static DittoSandbox sandbox;
    private static DittoPort ditto;

    @BeforeAll
    static void connect() throws Exception {
        sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
        ditto = DittoPortFactory.webSocket(config(sandbox.wsUrl()).ditto()).open("adapter-test");
        get(ditto.connect());
    }

    @AfterAll
    static void close() throws Exception {
        get(ditto.close());
        sandbox.close();
    }

    @Test
    void createsRetrievesAndMergesUnderACondition() throws Exception {
        ThingId id = ThingId.of("org.acme:pump-1");
        JsonObject thing = JsonFactory.readFrom("""
                {"thingId": "org.acme:pump-1", "attributes": {"site": "north"},
                 "features": {"pump": {"properties": {"rpm": 10}}}}""").asObject();

        JsonObject created = get(ditto.createThing(thing));
        assertEquals("org.acme:pump-1", created.getValue("thingId").orElseThrow().asString());
        // the successful answer was read from its text (ProtocolAnswerText), its value not parsed until read
        assertInstanceOf(PreRenderedJsonObject.class, created);

        // given a condition that holds, the merge applies
        get(ditto.mergeThing(id, JsonPointer.of("/features/pump/properties"), JsonFactory.newObject("{\"rpm\": 100}"),
                DittoRequestOptions.defaults().withCorrelationId("merge-ok").withCondition("eq(attributes/site,\"north\")")
                        .withRequestedAcks("twin-persisted").withTimeout(Duration.ofSeconds(5))));
        JsonObject retrieved = get(ditto.retrieveThing(id)).orElseThrow();
        assertEquals(100, retrieved.getValue(JsonPointer.of("/features/pump/properties/rpm")).orElseThrow().asInt());

        // given a condition that is false, Ditto refuses with 412 and nothing changes. Ditto's code for the
        // `condition` header is things:condition.failed; things:precondition.failed belongs to If-Match.
        DittoPortException refused = failure(ditto.mergeThing(id, JsonPointer.of("/features/pump/properties"),
                JsonFactory.newObject("{\"rpm\": 5}"),
                DittoRequestOptions.defaults().withCondition("eq(attributes/site,\"south\")")));
        assertEquals(412, refused.status());
        assertEquals("things:condition.failed", refused.errorCode());
        assertEquals(100, get(ditto.retrieveThing(id)).orElseThrow()
                .getValue(JsonPointer.of("/features/pump/properties/rpm")).orElseThrow().asInt());
    }

    @Test
    void absentThingIsEmptyOnRetrieveAndNotFoundOnDelete() throws Exception {
        ThingId id = ThingId.of("org.acme:never-created");

        assertEquals(Optional.empty(), get(ditto.retrieveThing(id)));

        DittoPortException notFound = failure(ditto.deleteThing(id, DittoRequestOptions.defaults()));
        assertEquals(404, notFound.status());
        assertEquals("things:thing.notfound", notFound.errorCode());
    }

    @Test
    void creatingAnExistingThingIsAConflict() throws Exception {
        JsonObject thing = JsonFactory.newObject("{\"thingId\": \"org.acme:twice\"}");
        get(ditto.createThing(thing));

        DittoPortException conflict = failure(ditto.createThing(thing));

        assertEquals(409, conflict.status());
        assertEquals("things:thing.conflict", conflict.errorCode());
    }

    @Test
    void putsAPolicyAndCreatesAThingUnderIt() throws Exception {
        PolicyId policyId = PolicyId.of("org.acme:tenant-policy");
        JsonObject policy = JsonFactory.readFrom("""
                {"entries": {"gateway": {
                  "subjects": {"nginx:ditto": {"type": "basic auth user"}},
                  "resources": {"thing:/": {"grant": ["READ", "WRITE"], "revoke": []},
                                "policy:/": {"grant": ["READ", "WRITE"], "revoke": []}}}}}""").asObject();

        get(ditto.putPolicy(policyId, policy, DittoRequestOptions.defaults()));
        get(ditto.createThing(JsonFactory.newObject(
                "{\"thingId\": \"org.acme:with-policy\", \"policyId\": \"org.acme:tenant-policy\"}")));

        JsonObject thing = get(ditto.retrieveThing(ThingId.of("org.acme:with-policy"))).orElseThrow();
        assertEquals("org.acme:tenant-policy", thing.getValue("policyId").orElseThrow().asString());
    }

    @Test
    void createsAThingWithAnInlinePolicy() throws Exception {
        JsonObject inline = JsonFactory.readFrom("""
                {"entries": {"owner": {
                  "subjects": {"nginx:ditto": {"type": "basic auth user"}},
                  "resources": {"thing:/": {"grant": ["READ", "WRITE"], "revoke": []},
                                "policy:/": {"grant": ["READ", "WRITE"], "revoke": []}}}}}""").asObject();

        get(ditto.createThing(JsonFactory.newObject("{\"thingId\": \"org.acme:inline\"}"), Optional.of(inline),
                DittoRequestOptions.defaults()));

        assertTrue(get(ditto.retrieveThing(ThingId.of("org.acme:inline"))).isPresent());
    }

    @Test
    void sessionThatIsNotConnectedFailsAtOnceAsUnavailable() throws Exception {
        DittoPort unconnected = DittoPortFactory.webSocket(config(sandbox.wsUrl()).ditto()).open("never-connected");

        DittoPortException e = failure(unconnected.retrieveThing(ThingId.of("org.acme:x")));

        assertFalse(unconnected.isConnected());
        assertEquals(DittoPortException.UNAVAILABLE, e.status());
        assertEquals(DittoPortException.CODE_UNAVAILABLE, e.errorCode());
        get(unconnected.close());
    }

    @Test
    void subscribingAgainReplacesTheNamespacesAndTheListener() throws Exception {
        DittoPort watcher = DittoPortFactory.webSocket(config(sandbox.wsUrl()).ditto()).open("resubscribing");
        try {
            get(watcher.connect());
            List<String> first = new CopyOnWriteArrayList<>();
            List<String> second = new CopyOnWriteArrayList<>();
            get(watcher.subscribeTwinEvents(List.of("org.first"), listener(first)));
            get(ditto.createThing(JsonFactory.newObject("{\"thingId\": \"org.first:a\"}")));
            await().atMost(Duration.ofSeconds(15)).until(() -> first.contains("org.first:a"));

            // when: the same session subscribes to another namespace
            get(watcher.subscribeTwinEvents(List.of("org.second"), listener(second)));
            get(ditto.createThing(JsonFactory.newObject("{\"thingId\": \"org.first:b\"}")));
            get(ditto.createThing(JsonFactory.newObject("{\"thingId\": \"org.second:c\"}")));

            // then: only the new namespace's events arrive, and only at the new listener (Ditto keeps the order of
            // one session's events, so org.first:b, created before, would have come before org.second:c)
            await().atMost(Duration.ofSeconds(15)).until(() -> second.contains("org.second:c"));
            assertEquals(List.of("org.second:c"), second);
            assertEquals(List.of("org.first:a"), first);
        } finally {
            get(watcher.close());
        }
    }

    private static TwinEventListener listener(List<String> thingIds) {
        return new TwinEventListener() {
            @Override
            public void onEvent(TwinEvent event) {
                thingIds.add(event.thingId());
            }

            @Override
            public void onReconnected() {
                // a reconnect re-sends the subscription; nothing to catch up on in this test
            }
        };
    }

    @Test
    void wrongPasswordNeverConnects() throws Exception {
        DittoPort wrong = DittoPortFactory.webSocket(GatewayConfig.fromEnv(Map.of(
                "TWINBRIDGE_DITTO_ENDPOINT", sandbox.wsUrl(),
                "TWINBRIDGE_DITTO_PASSWORD", "wrong",
                "TWINBRIDGE_DITTO_CONNECT_TIMEOUT", "3s")).ditto()).open("wrong-password");

        DittoPortException e = failure(wrong.connect());

        assertFalse(wrong.isConnected());
        assertTrue(e.status() == DittoPortException.UNAVAILABLE || e.status() == 408, e.toString());
        get(wrong.close());
    }

    static GatewayConfig config(String wsUrl) {
        return GatewayConfig.fromEnv(Map.of("TWINBRIDGE_DITTO_ENDPOINT", wsUrl,
                "TWINBRIDGE_DITTO_CONNECT_TIMEOUT", "10s", "TWINBRIDGE_HTTP_PORT", String.valueOf(TestHttp.unusedPort())));
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private static DittoPortException failure(CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(15, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof DittoPortException, "expected a DittoPortException, got " + e.getCause());
        return (DittoPortException) e.getCause();
    }
}
