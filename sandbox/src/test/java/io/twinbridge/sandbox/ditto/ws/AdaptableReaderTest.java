package io.twinbridge.sandbox.ditto.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.junit.jupiter.api.Test;

/** Reading a message as {@code ProtocolFactory.jsonifiableAdaptableFromJson} does, the same result and errors. */
class AdaptableReaderTest {

    @Test
    void readsAsDittoDoesTwiceOver() {
        final List<String> messages = List.of(
                "{\"topic\":\"acme/r-1/things/twin/commands/merge\",\"headers\":{\"correlation-id\":\"c\","
                        + "\"content-type\":\"application/merge-patch+json\"},\"path\":\"/features\","
                        + "\"value\":{\"a\":{\"properties\":{\"x\":1}}}}",
                "{\"topic\":\"acme/r-1/things/twin/commands/retrieve\",\"path\":\"/\",\"fields\":\"thingId\"}",
                "{\"topic\":\"acme/p/policies/commands/create\",\"headers\":{},\"path\":\"/\",\"value\":{}}",
                "{\"topic\":\"acme/r-1/things/twin/events/modified\",\"path\":\"/attributes/a\",\"value\":1,"
                        + "\"revision\":3,\"timestamp\":\"2026-12-06T20:00:00Z\",\"extra\":{\"x\":1},\"status\":200}");
        for (final String text : messages) {
            for (int i = 0; i < 2; i++) {
                final JsonObject json = JsonFactory.newObject(text);
                assertEquals(ProtocolFactory.jsonifiableAdaptableFromJson(json), AdaptableReader.read(json));
                assertEquals(ProtocolFactory.jsonifiableAdaptableFromJson(json).toJsonString(),
                        ProtocolFactory.wrapAsJsonifiableAdaptable(AdaptableReader.read(json)).toJsonString());
            }
        }
    }

    @Test
    void refusesAsDittoDoes() {
        for (final String text : List.of("{\"topic\":\"acme/r-1/things/twin/commands/frobnicate\","
                        + "\"headers\":{\"correlation-id\":\"c-9\"},\"path\":\"/\"}",
                "{\"headers\":{\"correlation-id\":\"c-9\"},\"path\":\"/\"}",
                "{\"topic\":\"acme/r-1/things/twin/commands/modify\",\"headers\":{\"response-required\":\"x\"}}")) {
            for (int i = 0; i < 2; i++) {
                final JsonObject json = JsonFactory.newObject(text);
                final RuntimeException expected = assertThrows(RuntimeException.class,
                        () -> ProtocolFactory.jsonifiableAdaptableFromJson(json));
                final RuntimeException actual = assertThrows(RuntimeException.class,
                        () -> AdaptableReader.read(json));
                assertEquals(expected.getClass(), actual.getClass(), text);
                assertEquals(expected.getMessage(), actual.getMessage(), text);
                if (expected instanceof org.eclipse.ditto.base.model.exceptions.DittoRuntimeException dre) {
                    assertEquals(dre.toJson(), ((org.eclipse.ditto.base.model.exceptions.DittoRuntimeException)
                            actual).toJson(), text);
                }
            }
        }
    }
}
