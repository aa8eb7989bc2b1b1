package io.twinbridge.sandbox.ditto;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event filters (WebSocket {@code START-SEND-EVENTS?filter=}, SSE {@code filter}) with Ditto 3.9.6's RQL: the
 * {@code ilike} and {@code empty} operators ({@code RqlPredicateParser.scala}, {@code ThingPredicatePredicateVisitor
 * .visitILike}, {@code EmptyThingPredicateVisitor}), array flattening ({@code getValueFlatteningArrays}) and
 * placeholder fields in {@code exists}/{@code empty} ({@code ExistsThingPredicateVisitor} and
 * {@code EmptyThingPredicateVisitor.isEmptyInAdditionalPlaceholderResolvers}, with the resolvers of
 * {@code StreamingSession}).
 */
@Tag("flow")
class EventFilterRqlTest {

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults();

    private static String encoded(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void apply(final WsTestClient writer, final String thing, final String action, final String path,
            final String value, final String cid) {
        writer.send("{\"topic\":\"org.example/" + thing + "/things/twin/commands/" + action + "\",\"headers\":{"
                + "\"correlation-id\":\"" + cid + "\"},\"path\":\"" + path + "\""
                + (value.isEmpty() ? "" : ",\"value\":" + value) + "}");
        final int status = writer.awaitCorrelated(cid).getValue("status").orElseThrow().asInt();
        assertTrue(status < 300, () -> cid + " answered " + status);
    }

    private static void subscribe(final WsTestClient client, final String params) {
        client.send("START-SEND-EVENTS?" + params);
        client.awaitText("START-SEND-EVENTS:ACK"::equals);
    }

    private static boolean got(final WsTestClient client, final String cid) {
        return client.received().stream().anyMatch(t -> t.contains("\"" + cid + "\"") && t.contains("/events/"));
    }

    @Test
    void webSocketFilterWithIlikeOnEnrichedField() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            apply(writer, "k-1", "create", "/", "{\"attributes\":{\"location\":\"Kitchen-North\",\"t\":0}}", "c1");
            apply(writer, "g-1", "create", "/", "{\"attributes\":{\"location\":\"garage\",\"t\":0}}", "c2");
            // ThingPredicatePredicateVisitor.visitILike: the like pattern, case-insensitive
            subscribe(subscriber, "extraFields=" + encoded("attributes/location") + "&filter="
                    + encoded("ilike(attributes/location,\"kitchen*\")"));
            apply(writer, "g-1", "modify", "/attributes/t", "1", "g1");
            apply(writer, "k-1", "modify", "/attributes/t", "1", "k1");
            subscriber.awaitCorrelated("k1");
            assertFalse(got(subscriber, "g1"));
        }
    }

    @Test
    void webSocketFilterWithEmptyAndArrayFlattening() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            apply(writer, "e-1", "create", "/", "{\"attributes\":{}}", "c1");
            // EmptyThingPredicateVisitor.visitAttribute; FilterThingPredicateVisitor on getValueFlatteningArrays
            subscribe(subscriber, "filter=" + encoded(
                    "or(and(exists(attributes/tags),empty(attributes/tags)),eq(attributes/sensors/type,\"temp\"))"));
            apply(writer, "e-1", "modify", "/attributes/tags", "[\"a\"]", "tags-full");
            apply(writer, "e-1", "modify", "/attributes/sensors", "[{\"type\":\"hum\"}]", "no-temp");
            apply(writer, "e-1", "modify", "/attributes/tags", "[]", "tags-empty");
            apply(writer, "e-1", "modify", "/attributes/sensors", "[{\"type\":\"hum\"},{\"type\":\"temp\"}]", "with-temp");
            subscriber.awaitCorrelated("tags-empty");
            subscriber.awaitCorrelated("with-temp");
            assertFalse(got(subscriber, "tags-full"), () -> String.join("\n", subscriber.received()));
            assertFalse(got(subscriber, "no-temp"), () -> String.join("\n", subscriber.received()));
        }
    }

    @Test
    void webSocketPlaceholderFieldsInExistsAndEmpty() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            // topic:action resolves (exists); thing:id parses but StreamingSession gives no resolver (empty)
            subscribe(subscriber, "filter=" + encoded("and(exists(topic:action),empty(thing:id),"
                    + "not(empty(entity:id)),ilike(topic:action,\"MODIFIED\"))"));
            apply(writer, "p-1", "create", "/", "{\"attributes\":{\"x\":0}}", "created");
            apply(writer, "p-1", "modify", "/attributes/x", "1", "modified");
            subscriber.awaitCorrelated("modified");
            assertFalse(got(subscriber, "created"));

            // CriteriaFactoryImpl.ilike: only string values are allowed
            subscriber.send("START-SEND-EVENTS?filter=" + encoded("ilike(attributes/x,1)"));
            final JsonObject error = JsonFactory.newObject(subscriber.awaitText(t -> t.contains("rql.expression.invalid")));
            assertEquals(400, error.getValue("status").orElseThrow().asInt());
        }
    }

    @Test
    void sseFilterWithIlikeAndEmpty() throws Exception {
        final String thing = "/api/2/things/org.example:sse-rql";
        assertEquals(201, put(thing, "{\"attributes\":{\"room\":\"Kitchen\",\"x\":1}}").statusCode());
        // ThingsSseRouteBuilder: matchesFilter on the thing merged with extraFields
        final List<String> data = open("/api/2/things?extraFields=attributes/room&filter="
                + encoded("and(ilike(attributes/room,\"KITCH?N\"),not(empty(attributes/x)),exists(topic:action))"));
        put(thing + "/attributes/x", "\"\"");
        put(thing + "/attributes/x", "2");
        put(thing + "/attributes/room", "\"hall\"");
        put(thing + "/attributes/x", "3");
        put(thing + "/attributes/room", "\"kitchen\"");
        put(thing + "/attributes/x", "4");
        await().atMost(Duration.ofSeconds(10)).until(() -> data.size() >= 2);
        assertEquals(JsonFactory.newObject("{\"thingId\":\"org.example:sse-rql\",\"attributes\":{\"x\":2,"
                + "\"room\":\"Kitchen\"}}"), JsonFactory.newObject(data.get(0)), "x=\"\" is empty");
        assertEquals(JsonFactory.newObject("{\"thingId\":\"org.example:sse-rql\",\"attributes\":{\"x\":4,"
                + "\"room\":\"kitchen\"}}"), JsonFactory.newObject(data.get(1)), "x=3 in the hall is filtered out");
    }

    private HttpResponse<String> put(final String path, final String body) throws Exception {
        return Http.send(Http.request(ditto.get(), path, "ditto").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Opens the stream and returns its {@code data:} payloads as they come. */
    private List<String> open(final String path) throws Exception {
        final List<String> data = new CopyOnWriteArrayList<>();
        final List<String> lines = new CopyOnWriteArrayList<>();
        final HttpResponse<Stream<String>> response = Http.client().sendAsync(Http.request(ditto.get(), path, "ditto")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        final Thread reader = new Thread(() -> {
            try {
                response.body().forEach(line -> {
                    lines.add(line);
                    if (line.startsWith("data:")) {
                        data.add(line.substring("data:".length()));
                    }
                });
            } catch (final java.io.UncheckedIOException closedBySandboxShutdown) {
                lines.add("closed");
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());
        return data;
    }
}
