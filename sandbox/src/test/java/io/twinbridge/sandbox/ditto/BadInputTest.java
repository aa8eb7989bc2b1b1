package io.twinbridge.sandbox.ditto;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.core.http.UpgradeRejectedException;

import static io.twinbridge.sandbox.ditto.WsTestClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets Ditto's error and the connection stays usable. */
@Tag("flow")
class BadInputTest {

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults();

    private static String command(final String action, final String path, final String value,
            final String extraHeaders, final String cid) {
        return "{\"topic\":\"org.example/valve/things/twin/commands/" + action + "\",\"headers\":{" + extraHeaders
                + "\"correlation-id\":\"" + cid + "\"},\"path\":\"" + path + "\""
                + (value.isEmpty() ? "" : ",\"value\":" + value) + "}";
    }

    @Test
    void malformedMessageGetsJsonInvalidAndSocketStillWorks() throws Exception {
        try (WsTestClient client = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            client.send("{this is not json");
            final JsonObject error = JsonFactory.newObject(client.awaitText(t -> t.contains("/errors")));

            // WebSocketRoute: ThingErrorResponse.of an error without entity id (FALLBACK_ID unknown:unknown)
            assertEquals("unknown/unknown/things/twin/errors", error.getValue("topic").orElseThrow().asString());
            assertError(error, 400, "json.invalid");

            client.send(command("create", "/", "{}", "", "after"));
            assertEquals(201, client.awaitCorrelated("after").getValue("status").orElseThrow().asInt());
        }
    }

    @Test
    void wrongPasswordOnUpgradeIs401() {
        final ExecutionException failure = assertThrows(ExecutionException.class,
                () -> WsTestClient.connect(ditto.get(), "ditto", "wrong"));
        assertEquals(401, assertInstanceOf(UpgradeRejectedException.class, failure.getCause()).getStatus());
    }

    @Test
    void missingCredentialsOnHttpIs401WithChallenge() throws Exception {
        final HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                java.net.URI.create(ditto.get().httpUrl() + "/api/2/things")).GET().build());
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
    }

    static Stream<Arguments> refusedCommands() {
        return Stream.of(
                Arguments.of("false condition is 412", "modify", "/attributes/open", "true",
                        "\"condition\":\"eq(attributes/open,true)\",", 412, "things:condition.failed"),
                Arguments.of("merge without merge-patch content type is 415", "merge", "/attributes", "{\"a\":1}",
                        "\"content-type\":\"application/json\",", 415, "mediatype.unsupported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCommands")
    void aRefusedCommandOnAnExistingThingGetsDittosError(final String name, final String action, final String path,
            final String value, final String extraHeaders, final int status, final String error) throws Exception {
        try (WsTestClient client = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            client.send(command("create", "/", "{\"attributes\":{\"open\":false}}", "", "c0"));
            client.awaitCorrelated("c0");
            client.send(command(action, path, value, extraHeaders, "c1"));
            assertError(client.awaitCorrelated("c1"), status, error);
        }
    }

    @Test
    void trueConditionIsAppliedOverWebSocketAndFalseConditionIs412OverHttp() throws Exception {
        try (WsTestClient client = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            client.send(command("create", "/", "{\"attributes\":{\"open\":false}}", "", "c0"));
            client.awaitCorrelated("c0");
            client.send(command("modify", "/attributes/open", "true", "\"condition\":\"eq(attributes/open,false)\",",
                    "c2"));
            assertEquals(204, client.awaitCorrelated("c2").getValue("status").orElseThrow().asInt());
        }
        final HttpResponse<String> http = Http.send(Http.request(ditto.get(),
                "/api/2/things/org.example:valve/attributes/open?condition=eq(attributes/open,false)", "ditto")
                .PUT(HttpRequest.BodyPublishers.ofString("false")).build());
        assertEquals(412, http.statusCode());
    }

    @Test
    void unknownThingIsNotFoundAndInvalidJsonBodyIs400() throws Exception {
        final HttpResponse<String> missing = Http.send(Http.request(ditto.get(), "/api/2/things/org.example:none",
                "ditto").GET().build());
        assertEquals(404, missing.statusCode());
        assertEquals("things:thing.notfound",
                JsonFactory.newObject(missing.body()).getValue("error").orElseThrow().asString());
        final HttpResponse<String> invalid = Http.send(Http.request(ditto.get(), "/api/2/things/org.example:bad",
                "ditto").PUT(HttpRequest.BodyPublishers.ofString("{oops")).build());
        assertEquals(400, invalid.statusCode());
        assertEquals("json.invalid", JsonFactory.newObject(invalid.body()).getValue("error").orElseThrow()
                .asString());
    }
}
