package io.twinbridge.gateway.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.eclipse.ditto.json.JsonFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming read of plain twin events gives exactly what Ditto's protocol adapter gives
 * ({@code ProtocolFactory.jsonifiableAdaptableFromJson}), and leaves every other form to the adapter.
 */
class PlainTwinEventsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // Ditto's protocol examples things/events/*.json, in the form the sandbox sends them
            "{\"topic\":\"acme/t-1/things/twin/events/merged\",\"headers\":{\"correlation-id\":\"c-1\","
                    + "\"content-type\":\"application/merge-patch+json\"},\"path\":\"/\","
                    + "\"value\":{\"attributes\":{\"n\":7}},\"revision\":8,\"timestamp\":\"2026-12-06T14:00:00.123Z\"}",
            "{\"topic\":\"org.eclipse.ditto/fancy-thing/things/twin/events/merged\",\"headers\":{\"content-type\":"
                    + "\"application/merge-patch+json\"},\"path\":\"/features/accelerometer/desiredProperties/x\","
                    + "\"value\":42,\"revision\":42,\"timestamp\":\"2021-01-18T09:42:12Z\"}",
            "{\"topic\":\"acme/t-1/things/twin/events/modified\",\"headers\":{\"correlation-id\":\"c-2\"},"
                    + "\"path\":\"/attributes/name\",\"value\":\"a \\\"quoted\\\" \\u00e9 name\",\"revision\":3}",
            "{\"topic\":\"acme/t-1/things/twin/events/modified\",\"headers\":{},\"path\":\"/attributes/x\","
                    + "\"value\":12345678901234,\"revision\":3}",
            "{\"topic\":\"acme/t-1/things/twin/events/modified\",\"headers\":{},\"path\":\"/attributes/x\","
                    + "\"value\":1.5e3,\"revision\":3}",
            "{\"topic\":\"acme/t-1/things/twin/events/modified\",\"path\":\"/attributes/x\",\"value\":[1,{\"a\":null}],"
                    + "\"revision\":3}",
            "{\"topic\":\"acme/t-1/things/twin/events/modified\",\"path\":\"/attributes/x\",\"value\":null,"
                    + "\"revision\":3}",
            "{\"topic\":\"acme/t-1/things/twin/events/modified\",\"path\":\"/attributes/x\",\"value\":true,"
                    + "\"revision\":3}",
            " { \"revision\" : 4 , \"value\" : { } , \"path\" : \"/\" , \"topic\" : "
                    + "\"acme/t-1/things/twin/events/created\" , \"headers\" : { \"X-Custom\" : \"y\" } } ",
            "{\"topic\":\"acme/t-1/things/twin/events/deleted\",\"headers\":{\"correlation-id\":\"c-3\"},"
                    + "\"path\":\"/\",\"revision\":9,\"timestamp\":\"2026-12-06T14:00:00Z\"}",
            "{\"topic\":\"acme/t-1/things/twin/events/deleted\",\"headers\":{},\"path\":\"/features/f/properties/p\","
                    + "\"revision\":9}",
    })
    void aPlainEventReadsAsDittosAdapterReadsIt(String text) {
        TwinEvent plain = PlainTwinEvents.parse(text);

        assertNotNull(plain, "read without the adapter");
        assertEquals(TwinEvents.viaAdaptable(JsonFactory.newObject(text), text), Optional.of(plain));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-06T14:00:00Z", "2026-12-06T14:00:00.1Z", "2026-12-06T14:00:00.123Z",
            "2026-12-06T14:00:00.123456789Z", "2024-02-29T23:59:59.000Z", "0000-01-01T00:00:00Z",
            // the forms only Instant.parse reads (leap second, offset) and those it refuses
            "2026-12-31T23:59:60Z", "2026-12-06T14:00:00+01:00", "2026-02-29T00:00:00Z", "2026-12-06T24:00:00Z",
            "2026-12-06T14:00:00.Z", "2026-12-06T14:00:00.12a4Z", "2026-1a-06T14:00:00Z", "yesterday"})
    void theTimestampReadsAsInstantParseReadsIt(String timestamp) {
        Object expected;
        try {
            expected = java.time.Instant.parse(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            expected = java.time.format.DateTimeParseException.class;
        }
        Object actual;
        try {
            actual = PlainTwinEvents.instant(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            actual = java.time.format.DateTimeParseException.class;
        }
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace-abc", "trace#tb.x", "a b"})
    void theGatewaysPerCommandSuffixIsStrippedAsTheAdapterPathStripsIt(String userId) {
        // issue 13.1: CommandCorrelationIds' suffix is taken off for users, kept for the acknowledgement
        String sent = CommandCorrelationIds.forCommand(userId);
        String text = "{\"topic\":\"acme/t-1/things/twin/events/merged\",\"headers\":{\"correlation-id\":\"" + sent
                + "\"},\"path\":\"/attributes\",\"value\":{\"n\":1},\"revision\":2}";

        TwinEvent plain = PlainTwinEvents.parse(text);

        assertNotNull(plain);
        assertEquals(TwinEvents.viaAdaptable(JsonFactory.newObject(text), text), Optional.of(plain));
        assertEquals(Optional.of(sent), plain.commandCorrelationId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // requested acknowledgements: Ditto's AcknowledgementRequest parsing stays with the adapter
            "{\"topic\":\"acme/t-1/things/twin/events/merged\",\"headers\":{\"requested-acks\":[\"egress-acme\"]},"
                    + "\"path\":\"/\",\"value\":{},\"revision\":2}",
            // another header Ditto defines and validates
            "{\"topic\":\"acme/t-1/things/twin/events/merged\",\"headers\":{\"response-required\":\"false\"},"
                    + "\"path\":\"/\",\"value\":{},\"revision\":2}",
            "{\"topic\":\"acme/t-1/things/twin/events/merged\",\"headers\":{\"correlation-id\":\"\"},"
                    + "\"path\":\"/\",\"value\":{},\"revision\":2}",
            "{\"topic\":\"acme/t-1/things/twin/events/merged\",\"headers\":{\"x\":1},\"path\":\"/\",\"revision\":2}",
            "{\"topic\":\"acme/t-1/things/twin/events/merged\",\"path\":\"/\",\"value\":{},\"revision\":2,"
                    + "\"extra\":{}}",
            "{\"topic\":\"acme/t-1/things/twin/commands/merge\",\"headers\":{},\"path\":\"/\",\"value\":{},"
                    + "\"status\":204}",
            "{\"topic\":\"acme/t-1/things/live/events/modified\",\"path\":\"/\",\"value\":{},\"revision\":2}",
            "{\"topic\":\"_/t-1/things/twin/events/modified\",\"path\":\"/\",\"value\":{},\"revision\":2}",
            // topics of another shape (read with indexOf, not split)
            "{\"topic\":\"acme/t-1/things/twin/events/modified/x\",\"path\":\"/\",\"value\":{},\"revision\":2}",
            "{\"topic\":\"/t-1/things/twin/events/modified\",\"path\":\"/\",\"value\":{},\"revision\":2}",
            "{\"topic\":\"acme//things/twin/events/modified\",\"path\":\"/\",\"value\":{},\"revision\":2}",
            "{\"topic\":\"acme/t-1/things/twin/events/\",\"path\":\"/\",\"value\":{},\"revision\":2}",
            "{\"topic\":\"acme/t-1/x/things/twin/events/modified\",\"path\":\"/\",\"value\":{},\"revision\":2}",
            "{\"topic\":\"acme/t-1\",\"path\":\"/\",\"value\":{},\"revision\":2}",
            "{\"topic\":\"acme/t-1/things/twin/events/modified\",\"value\":{},\"revision\":2}",
            "{\"topic\":\"acme/t-1/things/twin/events/modified\",\"path\":\"/\",\"value\":{},\"revision\":\"2\"}",
            "{\"topic\":\"acme/t-1/things/twin/events/modified\",\"path\":\"/\",\"value\":{},\"revision\":2} x",
            "{not json",
    })
    void everyOtherFormIsLeftToTheAdapter(String text) {
        assertNull(PlainTwinEvents.parse(text));
    }
}
