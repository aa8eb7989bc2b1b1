package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * The search's {@code filter} on {@code _modified} and {@code _revision}, and those fields in {@code fields}, as
 * Ditto's search answers them (thingsearch {@code SearchConfig} simple-field-mappings map both to indexed fields;
 * RQL as in Ditto's {@code basic-rql} documentation). Gateway egress reconciles with them (issue 11.8).
 */
@Tag("flow")
class SearchRevisionFilterTest {
    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults();

    @BeforeEach
    void start() {
    }

    @Test
    void filtersOnModifiedAndRevisionAndReturnsThemAsFields() throws Exception {
        put("/api/2/things/org.example:a", "{\"attributes\":{\"n\":0}}");
        put("/api/2/things/org.example:b", "{\"attributes\":{\"n\":0}}");
        Instant between = Instant.now();
        while (!Instant.now().isAfter(between)) {
            Thread.onSpinWait(); // the clock must move on, so that the next change is strictly after 'between'
        }
        put("/api/2/things/org.example:b/attributes/n", "1");

        List<JsonObject> changed = search("gt(_modified,\"" + between + "\")", "thingId,_revision,_modified");
        assertEquals(List.of("org.example:b"), changed.stream().map(t -> t.getValue("thingId").orElseThrow()
                .asString()).toList());
        assertEquals(2, changed.get(0).getValue("_revision").filter(JsonValue::isNumber).orElseThrow().asLong());

        assertEquals(List.of("org.example:a"), search("eq(_revision,1)", "thingId").stream()
                .map(t -> t.getValue("thingId").orElseThrow().asString()).toList());
        // without fields: the things without their special fields, as Ditto answers
        assertEquals(false, search("eq(_revision,1)", "").get(0).contains("_revision"));
    }

    private void put(final String path, final String body) throws Exception {
        final HttpResponse<String> response = Http.send(Http.request(ditto.get(), path, "ditto")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(true, response.statusCode() == 201 || response.statusCode() == 204, response::body);
    }

    private List<JsonObject> search(final String filter, final String fields) throws Exception {
        final HttpResponse<String> response = Http.send(Http.request(ditto.get(), "/api/2/search/things?filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8)
                + (fields.isEmpty() ? "" : "&fields=" + URLEncoder.encode(fields, StandardCharsets.UTF_8)), "ditto")
                .GET().build());
        assertEquals(200, response.statusCode(), response::body);
        return JsonFactory.newObject(response.body()).getValue("items").orElseThrow().asArray().stream()
                .map(JsonValue::asObject).toList();
    }
}
