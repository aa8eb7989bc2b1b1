package io.twinbridge.sandbox.ditto;

import org.junit.jupiter.api.Tag;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
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

    @Test
    void webSocketFilterWithIlikeOnEnrichedField() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            // ThingPredicatePredicateVisitor.visitILike: the like pattern, case-insensitive
            KitchenAndGarage.kitchenEventOnly(writer, subscriber, "Kitchen-North",
                    "ilike(attributes/location,\"kitchen*\")");
        }
    }

    @Test
    void webSocketFilterWithEmptyAndArrayFlattening() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            writer.apply("e-1", "create", "/", "{\"attributes\":{}}", "c1");
            // EmptyThingPredicateVisitor.visitAttribute; FilterThingPredicateVisitor on getValueFlatteningArrays
            subscriber.startSendEvents("filter=" + Http.encoded(
                    "or(and(exists(attributes/tags),empty(attributes/tags)),eq(attributes/sensors/type,\"temp\"))"));
            writer.apply("e-1", "modify", "/attributes/tags", "[\"a\"]", "tags-full");
            writer.apply("e-1", "modify", "/attributes/sensors", "[{\"type\":\"hum\"}]", "no-temp");
            writer.apply("e-1", "modify", "/attributes/tags", "[]", "tags-empty");
            writer.apply("e-1", "modify", "/attributes/sensors", "[{\"type\":\"hum\"},{\"type\":\"temp\"}]",
                    "with-temp");
            subscriber.awaitCorrelated("tags-empty");
            subscriber.awaitCorrelated("with-temp");
            assertFalse(subscriber.gotEvent("tags-full"), () -> String.join("\n", subscriber.received()));
            assertFalse(subscriber.gotEvent("no-temp"), () -> String.join("\n", subscriber.received()));
        }
    }

    @Test
    void webSocketPlaceholderFieldsInExistsAndEmpty() throws Exception {
        try (WsTestClient writer = WsTestClient.connect(ditto.get(), "ditto", "ditto");
             WsTestClient subscriber = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            // topic:action resolves (exists); thing:id parses but StreamingSession gives no resolver (empty)
            subscriber.startSendEvents("filter=" + Http.encoded("and(exists(topic:action),empty(thing:id),"
                    + "not(empty(entity:id)),ilike(topic:action,\"MODIFIED\"))"));
            writer.apply("p-1", "create", "/", "{\"attributes\":{\"x\":0}}", "created");
            writer.apply("p-1", "modify", "/attributes/x", "1", "modified");
            subscriber.awaitCorrelated("modified");
            assertFalse(subscriber.gotEvent("created"));

            // CriteriaFactoryImpl.ilike: only string values are allowed
            subscriber.send("START-SEND-EVENTS?filter=" + Http.encoded("ilike(attributes/x,1)"));
            final JsonObject error = JsonFactory.newObject(subscriber.awaitText(t -> t.contains("rql.expression.invalid")));
            assertEquals(400, error.getValue("status").orElseThrow().asInt());
        }
    }

    @Test
    void sseFilterWithIlikeAndEmpty() throws Exception {
        final String thing = "/api/2/things/org.example:sse-rql";
        assertEquals(201, Http.putJson(ditto.get(), thing, "{\"attributes\":{\"room\":\"Kitchen\",\"x\":1}}")
                .statusCode());
        // ThingsSseRouteBuilder: matchesFilter on the thing merged with extraFields
        final List<String> data = Http.openEventStream(ditto.get(), "/api/2/things?extraFields=attributes/room&filter="
                + Http.encoded("and(ilike(attributes/room,\"KITCH?N\"),not(empty(attributes/x)),exists(topic:action))"));
        Http.putJson(ditto.get(), thing + "/attributes/x", "\"\"");
        Http.putJson(ditto.get(), thing + "/attributes/x", "2");
        Http.putJson(ditto.get(), thing + "/attributes/room", "\"hall\"");
        Http.putJson(ditto.get(), thing + "/attributes/x", "3");
        Http.putJson(ditto.get(), thing + "/attributes/room", "\"kitchen\"");
        Http.putJson(ditto.get(), thing + "/attributes/x", "4");
        await().atMost(Duration.ofSeconds(10)).until(() -> data.size() >= 2);
        assertEquals(JsonFactory.newObject("{\"thingId\":\"org.example:sse-rql\",\"attributes\":{\"x\":2,"
                + "\"room\":\"Kitchen\"}}"), JsonFactory.newObject(data.get(0)), "x=\"\" is empty");
        assertEquals(JsonFactory.newObject("{\"thingId\":\"org.example:sse-rql\",\"attributes\":{\"x\":4,"
                + "\"room\":\"kitchen\"}}"), JsonFactory.newObject(data.get(1)), "x=3 in the hall is filtered out");
    }

}
