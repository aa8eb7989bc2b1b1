package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * {@code START-SEND-EVENTS} with {@code extraFields} and {@code filter} as Ditto 3.9.6 handles them
 * ({@code ProtocolMessageExtractor.getStartStreaming}, {@code WebSocketRoute.postprocess} with
 * {@code SessionedSignal.retrieveExtraFields}, {@code StreamingSession.mergeThingWithExtra} and
 * {@code matchesFilter}, {@code StreamingSessionActor.parseCriteria}; basic-enrichment.md,
 * basic-changenotifications.md "Filtering", basic-placeholders.md).
 */
@Tag("flow")
class WsEnrichmentFilterTest {

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults();

    @BeforeEach
    void start() {
    }

    private static String command(final String thing, final String action, final String path, final String value,
            final String cid) {
        return "{\"topic\":\"org.example/" + thing + "/things/twin/commands/" + action + "\",\"headers\":{"
                + "\"correlation-id\":\"" + cid + "\"},\"path\":\"" + path + "\""
                + (value.isEmpty() ? "" : ",\"value\":" + value) + "}";
    }

    /** Sends and waits for the writer's own answer: the events of the command are fanned out before it. */
    private static void apply(final WsTestClient writer, final String thing, final String action, final String path,
            final String value, final String cid) {
        writer.send(command(thing, action, path, value, cid));
        final int status = writer.awaitCorrelated(cid).getValue("status").orElseThrow().asInt();
        assertTrue(status < 300, () -> cid + " answered " + status);
    }

    private static void subscribe(final WsTestClient client, final String params) {
        client.send("START-SEND-EVENTS?" + params);
        client.awaitText("START-SEND-EVENTS:ACK"::equals);
    }

    private static String encoded(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean got(final WsTestClient client, final String cid) {
        return client.received().stream().anyMatch(t -> t.contains("\"" + cid + "\"") && t.contains("/events/"));
    }

    @Test
    void extraFieldsEnrichTheEventAndTheFilterSeesThem() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            apply(writer, "kitchen-1", "create", "/", "{\"attributes\":{\"location\":\"kitchen\",\"temp\":1}}", "c1");
            apply(writer, "garage-1", "create", "/", "{\"attributes\":{\"location\":\"garage\",\"temp\":1}}", "c2");
            subscribe(subscriber, "extraFields=" + encoded("attributes/location") + "&filter="
                    + encoded("eq(attributes/location,\"kitchen\")"));

            apply(writer, "garage-1", "modify", "/attributes/temp", "2", "g1");
            apply(writer, "kitchen-1", "modify", "/attributes/temp", "2", "k1");
            final JsonObject event = subscriber.awaitCorrelated("k1");
            assertEquals(JsonFactory.newObject("{\"attributes\":{\"location\":\"kitchen\"}}"),
                    event.getValue("extra").orElseThrow());
            assertEquals(2, event.getValue("value").orElseThrow().asInt());

            // once garage-1 is in the kitchen, its events pass the filter on the enriched location
            apply(writer, "garage-1", "modify", "/attributes/location", "\"kitchen\"", "g2");
            subscriber.awaitCorrelated("g2");
            assertFalse(got(subscriber, "g1"), "the garage's event before the move was filtered out");
        }
    }

    @Test
    void topicActionAndResourcePathPlaceholdersFilterEvents() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            // basic-changenotifications.md: "Only emit events for Thing creation and deletion"
            subscribe(subscriber, "filter=" + encoded("and(in(topic:action,'created','deleted'),eq(resource:path,'/'))"));
            apply(writer, "pump-1", "create", "/", "{\"attributes\":{\"rpm\":1}}", "created-1");
            apply(writer, "pump-1", "modify", "/attributes/rpm", "2", "modified-1");
            apply(writer, "pump-1", "delete", "/", "", "deleted-1");
            assertEquals("org.example/pump-1/things/twin/events/deleted",
                    subscriber.awaitCorrelated("deleted-1").getValue("topic").orElseThrow().asString());
            assertTrue(got(subscriber, "created-1"));
            assertFalse(got(subscriber, "modified-1"));
        }
    }

    @Test
    void entityAndTopicPlaceholdersNameTheThing() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            subscribe(subscriber, "filter=" + encoded("and(eq(entity:id,\"org.example:b-1\"),"
                    + "eq(topic:criterion,\"events\"),like(topic:full,\"*/twin/events/modified\"))"));
            apply(writer, "a-1", "create", "/", "{\"attributes\":{\"x\":0}}", "a0");
            apply(writer, "b-1", "create", "/", "{\"attributes\":{\"x\":0}}", "b0");
            apply(writer, "a-1", "modify", "/attributes", "{\"x\":1}", "a1");
            apply(writer, "b-1", "modify", "/attributes", "{\"x\":1}", "b1");
            subscriber.awaitCorrelated("b1");
            assertFalse(got(subscriber, "a1"));
            assertFalse(got(subscriber, "b0"), "created, not modified");
        }
    }

    @Test
    void placeholdersWithoutValueParseAndUnknownOnesAreRefused() throws Exception {
        try (WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            // parseCriteria accepts thing: and feature:, StreamingSession resolves neither
            subscribe(subscriber, "filter=" + encoded("or(eq(thing:id,\"org.example:x\"),eq(feature:id,\"f\"))"));

            // ThingsFieldExpressionFactory.of knows the placeholders' supported names: header: has none
            for (final String unknown : new String[]{"eq(nonsense:x,1)", "eq(header:foo,\"x\")"}) {
                subscriber.send("START-SEND-EVENTS?filter=" + encoded(unknown));
            }
            org.awaitility.Awaitility.await().until(() -> subscriber.received().stream()
                    .filter(t -> t.contains("rql.expression.invalid")).count() == 2);
            final JsonObject error = JsonFactory.newObject(subscriber.received().stream()
                    .filter(t -> t.contains("rql.expression.invalid")).findFirst().orElseThrow());
            assertEquals("unknown/unknown/things/twin/errors", error.getValue("topic").orElseThrow().asString());
            assertEquals(400, error.getValue("status").orElseThrow().asInt());

            // ThingFieldSelector.fromString: only thing fields may be enriched; 3.9's selectable fields include
            // _metadata/... and _context, which 2.4.0's class lacks
            subscribe(subscriber, "extraFields=" + encoded("attributes/a,_metadata/attributes,_context"));
            subscriber.send("START-SEND-EVENTS?extraFields=nonsense");
            final JsonObject invalid = JsonFactory.newObject(subscriber.awaitText(
                    t -> t.contains("field.selection.invalid")));
            assertEquals(400, invalid.getValue("status").orElseThrow().asInt());
            assertEquals(2, subscriber.received().stream().filter("START-SEND-EVENTS:ACK"::equals).count());
        }
    }
}
