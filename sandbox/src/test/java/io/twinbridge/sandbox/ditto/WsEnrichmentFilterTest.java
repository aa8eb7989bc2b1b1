package io.twinbridge.sandbox.ditto;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
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

    @Test
    void extraFieldsEnrichTheEventAndTheFilterSeesThem() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            final JsonObject event = KitchenAndGarage.kitchenEventOnly(writer, subscriber, "kitchen",
                    "eq(attributes/location,\"kitchen\")");
            assertEquals(JsonFactory.newObject("{\"attributes\":{\"location\":\"kitchen\"}}"),
                    event.getValue("extra").orElseThrow());
            assertEquals(2, event.getValue("value").orElseThrow().asInt());

            // once garage-1 is in the kitchen, its events pass the filter on the enriched location
            writer.apply("garage-1", "modify", "/attributes/location", "\"kitchen\"", "g2");
            subscriber.awaitCorrelated("g2");
            assertFalse(subscriber.gotEvent("g1"), "the garage's event before the move was filtered out");
        }
    }

    @Test
    void topicActionAndResourcePathPlaceholdersFilterEvents() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            // basic-changenotifications.md: "Only emit events for Thing creation and deletion"
            subscriber.startSendEvents("filter="
                    + Http.encoded("and(in(topic:action,'created','deleted'),eq(resource:path,'/'))"));
            writer.apply("pump-1", "create", "/", "{\"attributes\":{\"rpm\":1}}", "created-1");
            writer.apply("pump-1", "modify", "/attributes/rpm", "2", "modified-1");
            writer.apply("pump-1", "delete", "/", "", "deleted-1");
            assertEquals("org.example/pump-1/things/twin/events/deleted",
                    subscriber.awaitCorrelated("deleted-1").getValue("topic").orElseThrow().asString());
            assertTrue(subscriber.gotEvent("created-1"));
            assertFalse(subscriber.gotEvent("modified-1"));
        }
    }

    @Test
    void entityAndTopicPlaceholdersNameTheThing() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            subscriber.startSendEvents("filter=" + Http.encoded("and(eq(entity:id,\"org.example:b-1\"),"
                    + "eq(topic:criterion,\"events\"),like(topic:full,\"*/twin/events/modified\"))"));
            writer.apply("a-1", "create", "/", "{\"attributes\":{\"x\":0}}", "a0");
            writer.apply("b-1", "create", "/", "{\"attributes\":{\"x\":0}}", "b0");
            writer.apply("a-1", "modify", "/attributes", "{\"x\":1}", "a1");
            writer.apply("b-1", "modify", "/attributes", "{\"x\":1}", "b1");
            subscriber.awaitCorrelated("b1");
            assertFalse(subscriber.gotEvent("a1"));
            assertFalse(subscriber.gotEvent("b0"), "created, not modified");
        }
    }

    @Test
    void placeholdersWithoutValueParseAndUnknownOnesAreRefused() throws Exception {
        try (WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            // parseCriteria accepts thing: and feature:, StreamingSession resolves neither
            subscriber.startSendEvents("filter="
                    + Http.encoded("or(eq(thing:id,\"org.example:x\"),eq(feature:id,\"f\"))"));

            // ThingsFieldExpressionFactory.of knows the placeholders' supported names: header: has none
            for (final String unknown : new String[]{"eq(nonsense:x,1)", "eq(header:foo,\"x\")"}) {
                subscriber.send("START-SEND-EVENTS?filter=" + Http.encoded(unknown));
            }
            org.awaitility.Awaitility.await().until(() -> subscriber.received().stream()
                    .filter(t -> t.contains("rql.expression.invalid")).count() == 2);
            final JsonObject error = JsonFactory.newObject(subscriber.received().stream()
                    .filter(t -> t.contains("rql.expression.invalid")).findFirst().orElseThrow());
            assertEquals("unknown/unknown/things/twin/errors", error.getValue("topic").orElseThrow().asString());
            assertEquals(400, error.getValue("status").orElseThrow().asInt());

            // ThingFieldSelector.fromString: only thing fields may be enriched; 3.9's selectable fields include
            // _metadata/... and _context, which 2.4.0's class lacks
            subscriber.startSendEvents("extraFields=" + Http.encoded("attributes/a,_metadata/attributes,_context"));
            subscriber.send("START-SEND-EVENTS?extraFields=nonsense");
            final JsonObject invalid = JsonFactory.newObject(subscriber.awaitText(
                    t -> t.contains("field.selection.invalid")));
            assertEquals(400, invalid.getValue("status").orElseThrow().asInt());
            assertEquals(2, subscriber.received().stream().filter("START-SEND-EVENTS:ACK"::equals).count());
        }
    }
}
