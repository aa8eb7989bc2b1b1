package io.twinbridge.gateway.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reading twin events off the socket and writing their acknowledgements, in the form of Ditto's examples. */
class TwinEventsTest {

    /** Ditto's protocol example {@code things/events/mergedfeaturedesiredproperty.json}, plus requested-acks. */
    private static final String MERGED = """
            {"topic":"org.eclipse.ditto/fancy-thing/things/twin/events/merged",
             "headers":{"content-type":"application/merge-patch+json","correlation-id":"c-1",
                        "requested-acks":["twin-persisted","egress-acme"]},
             "path":"/features/accelerometer/desiredProperties/x","value":42,"revision":42,
             "timestamp":"2021-01-18T09:42:12Z"}""";

    @Test
    void aMergedEventKeepsEveryFieldAndTheTextAsReceived() {
        TwinEvent event = TwinEvents.parse(MERGED).orElseThrow();

        assertEquals("org.eclipse.ditto:fancy-thing", event.thingId());
        assertEquals("fancy-thing", event.thingName());
        assertEquals("org.eclipse.ditto", event.namespace());
        assertEquals("merged", event.action());
        assertEquals(JsonPointer.of("/features/accelerometer/desiredProperties/x"), event.path());
        assertEquals(Optional.of(JsonValue.of(42)), event.value());
        assertEquals(42, event.revision());
        assertEquals(Optional.of(Instant.parse("2021-01-18T09:42:12Z")), event.timestamp());
        assertEquals(Optional.of("c-1"), event.correlationId());
        assertEquals(Set.of("twin-persisted", "egress-acme"), event.requestedAcks());
        assertEquals(MERGED, event.protocolJson());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "START-SEND-EVENTS:ACK",
            "{\"topic\":\"org.eclipse.ditto/fancy-thing/things/twin/commands/merge\",\"headers\":{},\"path\":\"/\","
                    + "\"value\":{},\"status\":204}",
            "{\"topic\":\"org.eclipse.ditto/fancy-thing/things/live/events/modified\",\"headers\":{},\"path\":\"/\","
                    + "\"value\":{}}",
            "{not json"})
    void anythingElseIsNoTwinEvent(String text) {
        assertTrue(TwinEvents.parse(text).isEmpty());
    }

    @Test
    void theAcknowledgementNamesTheLabelInItsTopicAndKeepsTheCorrelationId() {
        TwinEvent event = TwinEvents.parse(MERGED).orElseThrow();

        Adaptable ack = TwinEvents.acknowledgement(event, "egress-acme", 200);

        JsonObject json = ProtocolFactory.wrapAsJsonifiableAdaptable(ack).toJson();
        assertEquals("org.eclipse.ditto/fancy-thing/things/twin/acks/egress-acme",
                json.getValue("topic").orElseThrow().asString());
        assertEquals(200, json.getValue("status").orElseThrow().asInt());
        assertEquals("c-1", json.getValue("headers/correlation-id").orElseThrow().asString());
    }

    @Test
    void theGatewaysPerCommandSuffixIsStrippedForUsersAndKeptForTheAcknowledgement() {
        String sent = CommandCorrelationIds.forCommand("trace-abc");
        TwinEvent event = TwinEvents.parse(MERGED.replace("\"c-1\"", "\"" + sent + "\"")).orElseThrow();

        assertEquals(Optional.of("trace-abc"), event.correlationId());
        assertEquals(MERGED.replace("\"c-1\"", "\"trace-abc\""), event.protocolJson());
        assertEquals(Optional.of(sent), event.commandCorrelationId());
        // Ditto pairs the acknowledgement with the command by the id the command carried
        JsonObject ack = ProtocolFactory.wrapAsJsonifiableAdaptable(TwinEvents.acknowledgement(event, "egress-acme",
                200)).toJson();
        assertEquals(sent, ack.getValue("headers/correlation-id").orElseThrow().asString());
    }

    @Test
    void aStateRecordReadsBackAsAModifiedEventOfTheWholeThingMarkedAsResync() {
        JsonObject thing = JsonFactory.newObject("{\"thingId\":\"acme:t-1\",\"attributes\":{\"n\":3}}");

        TwinEvent state = TwinEvents.stateEvent("acme:t-1", thing, 7, Instant.parse("2026-01-01T00:00:00Z"));

        TwinEvent parsed = TwinEvents.parse(state.protocolJson()).orElseThrow();
        assertEquals("modified", parsed.action());
        assertEquals(JsonPointer.empty(), parsed.path());
        assertEquals(Optional.of(thing), parsed.value().map(JsonValue::asObject));
        assertEquals(7, parsed.revision());
        assertEquals("true", JsonFactory.newObject(state.protocolJson())
                .getValue("headers/" + TwinEvents.RESYNC_HEADER).orElseThrow().formatAsString());
    }
}
