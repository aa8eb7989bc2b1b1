package io.twinbridge.sandbox.ditto;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API v2 subset: things and sub-resources, merge-patch, policies, listing and SSE. */
@Tag("flow")
class HttpApiTest {

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults();

    private HttpResponse<String> call(final String method, final String path, final String body,
            final String contentType) throws Exception {
        return Http.call(ditto.get(), method, path, body, contentType);
    }

    @Test
    void thingLifecycle() throws Exception {
        final HttpResponse<String> created = call("PUT", "/api/2/things/org.example:tank",
                "{\"attributes\":{\"level\":1}}", "application/json");
        assertEquals(201, created.statusCode());
        assertEquals("org.example:tank", JsonFactory.newObject(created.body()).getValue("policyId").orElseThrow()
                .asString(), "default policy id is the thing id");

        assertEquals(404, call("PUT", "/api/2/things/org.example:tank/features/gauge/properties",
                "{\"v\":1}", "application/json").statusCode(), "the feature must exist first, as in Ditto");
        assertEquals(201, call("PUT", "/api/2/things/org.example:tank/features/gauge",
                "{\"properties\":{\"v\":1}}", "application/json").statusCode());
        assertEquals(204, call("PUT", "/api/2/things/org.example:tank/features/gauge/properties/v", "2",
                "application/json").statusCode());
        assertEquals(415, call("PATCH", "/api/2/things/org.example:tank", "{\"attributes\":{\"level\":3}}",
                "application/json").statusCode());
        assertEquals(204, call("PATCH", "/api/2/things/org.example:tank", "{\"attributes\":{\"level\":3}}",
                "application/merge-patch+json").statusCode());

        final HttpResponse<String> level = call("GET", "/api/2/things/org.example:tank/attributes/level", "",
                "application/json");
        assertEquals("3", level.body());
        final JsonObject thing = JsonFactory.newObject(call("GET", "/api/2/things/org.example:tank", "",
                "application/json").body());
        assertEquals(2, thing.getValue(JsonPointer.of("/features/gauge/properties/v")).orElseThrow().asInt());

        final JsonArray list = JsonFactory.newArray(call("GET", "/api/2/things?ids=org.example:tank", "",
                "application/json").body());
        assertEquals(1, list.getSize());
        assertEquals(1, JsonFactory.newArray(call("GET", "/api/2/things", "", "application/json").body()).getSize());

        final HttpResponse<String> policy = call("GET", "/api/2/policies/org.example:tank", "", "application/json");
        assertEquals(200, policy.statusCode());
        assertTrue(JsonFactory.newObject(policy.body()).getValue("entries/DEFAULT/subjects/nginx:ditto")
                .isPresent());

        assertEquals(204, call("DELETE", "/api/2/things/org.example:tank", "", "application/json").statusCode());
        assertEquals(404, call("GET", "/api/2/things/org.example:tank", "", "application/json").statusCode());
        assertEquals(204, call("DELETE", "/api/2/policies/org.example:tank", "", "application/json")
                .statusCode());
        assertEquals(404, call("GET", "/api/2/policies/org.example:tank", "", "application/json").statusCode());
    }

    private static void readUntilClosed(final HttpResponse<Stream<String>> response, final List<String> lines) {
        try {
            response.body().forEach(lines::add);
        } catch (final java.io.UncheckedIOException closedBySandboxShutdown) {
            lines.add("closed");
        }
    }

    @Test
    void serverSentEventsCarryChangedThing() throws Exception {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CompletableFuture<HttpResponse<Stream<String>>> stream = Http.client().sendAsync(
                Http.request(ditto.get(), "/api/2/things", "ditto").header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        final HttpResponse<Stream<String>> response = stream.get(10, java.util.concurrent.TimeUnit.SECONDS);
        final Thread reader = new Thread(() -> readUntilClosed(response, lines), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        assertEquals(200, response.statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());

        call("PUT", "/api/2/things/org.example:sse", "{\"attributes\":{\"a\":1}}", "application/json");
        call("PUT", "/api/2/things/org.example:sse/attributes/a", "2", "application/json");

        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().filter(l -> l.startsWith("data:"))
                .count() >= 2);
        final List<JsonObject> data = lines.stream().filter(l -> l.startsWith("data:"))
                .map(l -> JsonFactory.newObject(l.substring("data:".length()))).toList();
        assertEquals("org.example:sse", data.get(1).getValue("thingId").orElseThrow().asString());
        assertEquals(2, data.get(1).getValue(JsonPointer.of("/attributes/a")).orElseThrow().asInt());
    }
}
