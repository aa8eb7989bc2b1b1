package io.twinbridge.sandbox.ditto;

import org.junit.jupiter.api.Tag;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Server-sent events as Ditto 3.9's {@code ThingsSseRouteBuilder} sends them (httpapi-sse.md): {@code fields} with
 * {@code _context}, {@code extraFields} (also to filter on), and streams on sub-resources with bare values.
 */
@Tag("flow")
class SseTest {

    private static final String THING = "/api/2/things/org.example:sse";

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults()
            .withThing(THING, "{\"attributes\":{\"room\":\"kitchen\",\"x\":1}}");

    @Test
    void subResourceStreamSendsBareValuesOfThatResourceOnly() throws Exception {
        // ThingsSseRouteBuilder: /things/<id>/<pointer> sets fields to the pointer and sends the value at it
        final List<String> values = Http.openEventStream(ditto.get(), THING + "/attributes/x");
        Http.putJson(ditto.get(), THING + "/attributes/room", "\"hall\"");
        Http.putJson(ditto.get(), THING + "/attributes/x", "2");
        Http.putJson(ditto.get(), "/api/2/things/org.example:other", "{\"attributes\":{\"x\":9}}");
        Http.putJson(ditto.get(), THING + "/attributes/x", "{\"deep\":true}");
        await().atMost(Duration.ofSeconds(10)).until(() -> values.size() >= 2);
        assertEquals(List.of("2", "{\"deep\":true}"), values, "no event for another resource or thing");
    }

    @Test
    void thingStreamOnItsPath() throws Exception {
        final List<String> things = Http.openEventStream(ditto.get(), THING);
        Http.putJson(ditto.get(), "/api/2/things/org.example:other", "{}");
        Http.putJson(ditto.get(), THING + "/attributes/x", "3");
        await().atMost(Duration.ofSeconds(10)).until(() -> !things.isEmpty());
        assertEquals(JsonFactory.newObject("{\"thingId\":\"org.example:sse\",\"attributes\":{\"x\":3}}"),
                JsonFactory.newObject(things.get(0)));
    }

    @Test
    void fieldsSelectAndContextDescribesTheEvent() throws Exception {
        final List<String> data = eventsOfMovingToTheHallThenSettingX("/api/2/things?fields=thingId,attributes/x,"
                + "_revision,_context/topic,_context/path,_context/value", "4", 2);
        final JsonObject first = JsonFactory.newObject(data.get(0));
        assertEquals(JsonFactory.newObject("{\"thingId\":\"org.example:sse\",\"_revision\":2,\"_context\":{"
                + "\"topic\":\"org.example/sse/things/twin/events/modified\",\"path\":\"/attributes/room\","
                + "\"value\":\"hall\"}}"), first);
        final JsonObject second = JsonFactory.newObject(data.get(1));
        assertEquals(4, second.getValue("attributes/x").orElseThrow().asInt());
        assertEquals(3, second.getValue("_revision").orElseThrow().asInt());
    }

    @Test
    void extraFieldsEnrichAndCanBeFilteredOn() throws Exception {
        // ThingsSseRouteBuilder.postprocess: mergeThingWithExtra, then matchesFilter on the merged thing
        final List<String> data = Http.openEventStream(ditto.get(), "/api/2/things?extraFields=attributes/room"
                + "&filter=eq(attributes/room,%22kitchen%22)");
        Http.putJson(ditto.get(), THING + "/attributes/x", "5");
        Http.putJson(ditto.get(), THING + "/attributes/room", "\"hall\"");
        Http.putJson(ditto.get(), THING + "/attributes/x", "6");
        Http.putJson(ditto.get(), THING + "/attributes/room", "\"kitchen\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> data.size() >= 2);
        assertEquals(JsonFactory.newObject("{\"thingId\":\"org.example:sse\",\"attributes\":{\"x\":5,"
                + "\"room\":\"kitchen\"}}"), JsonFactory.newObject(data.get(0)));
        assertEquals(JsonFactory.newObject("{\"thingId\":\"org.example:sse\",\"attributes\":{"
                + "\"room\":\"kitchen\"}}"), JsonFactory.newObject(data.get(1)), "x=6 in the hall is filtered out");
    }

    /**
     * ThingsSseRouteBuilder: the filter knows the placeholders topic:, resource: and time: only (its
     * QueryFilterCriteriaFactory), and fields and extraFields are ThingFieldSelector.fromString (3.9's selectable
     * fields, _context included).
     */
    @Test
    void ssePlaceholdersAndFieldSelectionsAsDitto() throws Exception {
        final List<String> data = eventsOfMovingToTheHallThenSettingX("/api/2/things?fields=thingId,_context/topic"
                + "&filter=and(eq(topic:action,%22modified%22),eq(resource:path,%22/attributes/x%22))", "7", 1);
        assertEquals(JsonFactory.newObject("{\"thingId\":\"org.example:sse\",\"_context\":{\"topic\":"
                + "\"org.example/sse/things/twin/events/modified\"}}"), JsonFactory.newObject(data.get(0)));

        for (final String refused : List.of("filter=eq(entity:id,%22org.example:sse%22)", "fields=nonsense",
                "extraFields=attributes,nonsense/x")) {
            final HttpResponse<String> response = Http.send(Http.request(ditto.get(), "/api/2/things?" + refused,
                    "ditto").header("Accept", "text/event-stream").GET().build());
            assertEquals(400, response.statusCode(), refused);
            assertEquals(refused.startsWith("filter") ? "rql.expression.invalid" : "things:field.selection.invalid",
                    JsonFactory.newObject(response.body()).getValue("error").orElseThrow().asString(), refused);
        }
    }

    /**
     * Opens the event stream at {@code path}, then modifies the thing's room to "hall" and its x to {@code x}, and
     * waits until the stream has sent at least {@code events} events.
     */
    private List<String> eventsOfMovingToTheHallThenSettingX(final String path, final String x, final int events)
            throws Exception {
        final List<String> data = Http.openEventStream(ditto.get(), path);
        Http.putJson(ditto.get(), THING + "/attributes/room", "\"hall\"");
        Http.putJson(ditto.get(), THING + "/attributes/x", x);
        await().atMost(Duration.ofSeconds(10)).until(() -> data.size() >= events);
        return data;
    }
}
