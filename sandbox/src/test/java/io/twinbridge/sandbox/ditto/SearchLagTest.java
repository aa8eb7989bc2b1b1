package io.twinbridge.sandbox.ditto;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The optional search lag: Ditto's things-search updates its index asynchronously (search.conf
 * {@code updater.stream.write-interval}), so a deleted thing is still found for a while and a new one not yet.
 */
@Tag("flow")
class SearchLagTest {

    private static final String SEARCH = "/api/2/search/things?namespaces=org.example&fields=thingId";
    private DittoSandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void withALagTheIndexShowsCreationsAndDeletionsLate() throws Exception {
        sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0).withUser("stranger", "stranger")
                .withSearchLag(Duration.ofSeconds(1)));
        assertEquals(201, put("/api/2/things/org.example:pump"));

        // created, but not indexed yet; a thing changes at once, only its presence in the index lags
        assertEquals(List.of(), found("ditto"));
        await().atMost(Duration.ofSeconds(10)).until(() -> found("ditto").equals(List.of("org.example:pump")));

        assertEquals(204, Http.send(Http.request(sandbox, "/api/2/things/org.example:pump", "ditto").DELETE()
                .build()).statusCode());
        // deleted, but still indexed: found by whoever could read it, as its thingId
        assertEquals(List.of("org.example:pump"), found("ditto"));
        assertEquals(List.of(), found("stranger"));
        assertEquals(404, Http.send(Http.request(sandbox, "/api/2/things/org.example:pump", "ditto").GET().build())
                .statusCode(), "the thing itself is gone at once");
        await().atMost(Duration.ofSeconds(10)).until(() -> found("ditto").isEmpty());
    }

    @Test
    void withoutALagTheIndexIsUpToDate() throws Exception {
        sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
        assertEquals(201, put("/api/2/things/org.example:pump"));
        assertEquals(List.of("org.example:pump"), found("ditto"));
        Http.send(Http.request(sandbox, "/api/2/things/org.example:pump", "ditto").DELETE().build());
        assertEquals(List.of(), found("ditto"));
    }

    private int put(final String path) throws Exception {
        return Http.send(Http.request(sandbox, path, "ditto").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build()).statusCode();
    }

    private List<String> found(final String user) throws Exception {
        final String body = Http.send(Http.request(sandbox, SEARCH, user).GET().build()).body();
        return JsonObject.of(body).getValue("items").orElseThrow().asArray().stream()
                .map(item -> item.asObject().getValue("thingId").map(JsonValue::asString).orElseThrow()).toList();
    }
}
