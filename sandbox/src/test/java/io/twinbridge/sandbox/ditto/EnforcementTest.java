package io.twinbridge.sandbox.ditto;

import java.net.http.HttpResponse;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import static io.twinbridge.sandbox.ditto.WsTestClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policies decide: without WRITE a subject gets Ditto's error, and READ views leave out what it may not read.
 * Users: {@code ditto} owns everything, {@code reader} may read all but the feature {@code secret}, {@code stranger}
 * has no entry at all.
 */
@Tag("flow")
class EnforcementTest {

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.with(SandboxOptions.defaults()
            .withUser("ditto", "ditto").withUser("reader", "reader").withUser("stranger", "stranger"));

    @BeforeEach
    void start() throws Exception {
        PlantPolicy.createWithPump(ditto.get(), """
                {"public":{"properties":{"rpm":5}},"secret":{"properties":{"pin":1234}}}""");
    }

    private static String modifyAttribute(final String cid) {
        return "{\"topic\":\"org.example/pump/things/twin/commands/modify\",\"headers\":{\"correlation-id\":\""
                + cid + "\"},\"path\":\"/attributes/site\",\"value\":\"south\"}";
    }

    @Test
    void readerWithoutWriteGetsNotModifiable() throws Exception {
        try (WsTestClient reader = WsTestClient.connect(ditto.get(), "reader", "reader")) {
            reader.send(modifyAttribute("w1"));
            final JsonObject error = reader.awaitCorrelated("w1");

            assertEquals("org.example/pump/things/twin/errors", error.getValue("topic").orElseThrow().asString());
            assertEquals(403, error.getValue("status").orElseThrow().asInt());
            assertEquals("things:attribute.notmodifiable",
                    error.getValue("value/error").orElseThrow().asString());
        }
        assertEquals("north", ditto.get().store().thing(org.eclipse.ditto.things.model.ThingId.of("org.example:pump"))
                .orElseThrow().json().getValue(JsonPointer.of("/attributes/site")).orElseThrow().asString());
    }

    @Test
    void strangerWithoutReadGetsNotFound() throws Exception {
        try (WsTestClient stranger = WsTestClient.connect(ditto.get(), "stranger", "stranger")) {
            stranger.send(modifyAttribute("w2"));
            final JsonObject error = stranger.awaitCorrelated("w2");

            assertError(error, 404, "things:thing.notfound");
        }
        final HttpResponse<String> http = Http.send(Http.request(ditto.get(), "/api/2/things/org.example:pump",
                "stranger").GET().build());
        assertEquals(404, http.statusCode());
        assertEquals("things:thing.notfound", JsonFactory.newObject(http.body()).getValue("error").orElseThrow()
                .asString());
    }

    @Test
    void readerSeesThingWithoutSecretFeatureOverHttpAndWebSocket() throws Exception {
        final HttpResponse<String> http = Http.send(Http.request(ditto.get(), "/api/2/things/org.example:pump",
                "reader").GET().build());
        final JsonObject overHttp = JsonFactory.newObject(http.body());
        assertEquals(200, http.statusCode());
        assertTrue(overHttp.getValue(JsonPointer.of("/features/public")).isPresent());
        assertFalse(overHttp.getValue(JsonPointer.of("/features/secret")).isPresent());

        try (WsTestClient reader = WsTestClient.connect(ditto.get(), "reader", "reader")) {
            reader.send("{\"topic\":\"org.example/pump/things/twin/commands/retrieve\",\"headers\":"
                    + "{\"correlation-id\":\"r1\"},\"path\":\"/\"}");
            final JsonObject overWs = reader.awaitCorrelated("r1").getValue("value").orElseThrow().asObject();
            assertEquals(overHttp, overWs);

            reader.send("{\"topic\":\"org.example/pump/things/twin/commands/retrieve\",\"headers\":"
                    + "{\"correlation-id\":\"r2\"},\"path\":\"/features/secret\"}");
            final JsonObject error = reader.awaitCorrelated("r2");
            assertError(error, 404, "things:feature.notfound");
        }
    }

    @Test
    void readerGetsNoEventForTheSecretFeature() throws Exception {
        try (WsTestClient reader = WsTestClient.connect(ditto.get(), "reader", "reader");
             WsTestClient owner = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            reader.send("START-SEND-EVENTS");
            reader.awaitText("START-SEND-EVENTS:ACK"::equals);
            owner.send("{\"topic\":\"org.example/pump/things/twin/commands/modify\",\"headers\":"
                    + "{\"correlation-id\":\"s1\"},\"path\":\"/features/secret/properties/pin\",\"value\":9}");
            owner.awaitCorrelated("s1");
            owner.send("{\"topic\":\"org.example/pump/things/twin/commands/modify\",\"headers\":"
                    + "{\"correlation-id\":\"s2\"},\"path\":\"/features/public/properties/rpm\",\"value\":6}");
            owner.awaitCorrelated("s2");

            reader.awaitCorrelated("s2");
            assertTrue(reader.received().stream().noneMatch(t -> t.contains("\"s1\"")));
        }
    }
}
