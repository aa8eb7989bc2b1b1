package io.twinbridge.gateway.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonMergePatch;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.HeaderTranslator;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.modify.MergeThing;
import org.junit.jupiter.api.Test;

/**
 * Ingest hands its merge patch to the Ditto adapter as text wrapped in a {@link PreRenderedJsonObject}. On the way to
 * the wire (MergeThing, DittoProtocolAdapter, then what ditto-client's {@code MessagingProvider.emitAdaptable} sends:
 * {@code ProtocolFactory.wrapAsJsonifiableAdaptable(adaptable).toJsonString()}) the text must go out verbatim, giving
 * the same message as the ditto-json tree, and nothing there may parse it; any other reader sees the parsed object.
 */
class PreRenderedJsonObjectTest {
    private static final String PATCH = "{\"rotor\":{\"properties\":{\"speedRpm\":12.3,\"state\":\"a\\\"b\","
            + "\"angles\":[1,2.5],\"sourceTs\":1717171717000}},\"status\":{\"properties\":{\"ok\":true,"
            + "\"sourceTs\":1717171717000}}}";
    private static final DittoProtocolAdapter PROTOCOL = DittoProtocolAdapter.of(HeaderTranslator.empty());

    /** The text ditto-client 2.4.0 writes to its WebSocket for a merge of {@code patch} at /features. */
    private static String wireMessage(JsonValue patch) {
        DittoHeaders headers = DittoHeaders.newBuilder().correlationId("c-1").responseRequired(true)
                .condition("or(not(exists(features/rotor/properties/sourceTs)),"
                        + "lt(features/rotor/properties/sourceTs,1))")
                .build();
        MergeThing merge = MergeThing.of(ThingId.of("acme:WTG-7"), JsonPointer.of("/features"), patch, headers);
        return ProtocolFactory.wrapAsJsonifiableAdaptable(PROTOCOL.toAdaptable(merge)).toJsonString();
    }

    @Test
    void theProtocolMessageIsTheOneTheDittoJsonTreeGives() {
        assertEquals(wireMessage(JsonFactory.newObject(PATCH)), wireMessage(PreRenderedJsonObject.of(PATCH)));
    }

    @Test
    void theTextGoesOnTheWireWithoutBeingParsed() {
        // not JSON at all: if anything on the send path parsed it, this would throw
        String notParsed = "{\"rotor\":{\"properties\":{\"speedRpm\":NOT-PARSED}}}";

        String message = wireMessage(PreRenderedJsonObject.of(notParsed));

        assertTrue(message.contains("\"value\":" + notParsed), message);
    }

    @Test
    void topLevelFieldsAreReadFromTheTextAloneAndAgreeWithTheTree() {
        String text = "{\"thingId\":\"acme:x\",\"policyId\":\"acme:p\",\"features\":{\"a\":{\"properties\":"
                + "{\"v\":1,\"ts\":1717171717000}}},\"a/b\":null,\"thingId\":\"acme:y\"}";
        JsonObject tree = JsonFactory.newObject(text);
        PreRenderedJsonObject thing = PreRenderedJsonObject.of(text);

        for (CharSequence key : List.of("thingId", JsonKey.of("thingId"), "features", "policyId", "missing",
                JsonKey.of("_namespace"), JsonKey.of("a/b"))) {
            assertEquals(tree.getValue(key), thing.getValue(key), key.toString());
            assertEquals(tree.contains(key), thing.contains(key), key.toString());
        }
        assertEquals("acme:y", thing.getValue("thingId").orElseThrow().asString(), "the last of repeated keys");
        assertFalse(thing.isParsed(), "top-level fields were read from the text");

        // a pointer goes to the tree, as ditto-json reads it
        assertEquals(tree.getValue("features/a/properties/v"), thing.getValue("features/a/properties/v"));
        assertEquals(tree.getValue("/thingId"), thing.getValue("/thingId"));
        assertTrue(thing.isParsed());
    }

    @Test
    void readersSeeTheParsedObject() {
        PreRenderedJsonObject patch = PreRenderedJsonObject.of(PATCH);
        JsonObject tree = JsonFactory.newObject(PATCH);

        assertEquals(PATCH, patch.toString());
        assertTrue(patch.isObject());
        assertFalse(patch.isNull());
        assertSame(patch, patch.asObject());
        assertEquals(List.of(JsonKey.of("rotor"), JsonKey.of("status")), patch.getKeys());
        assertEquals(12.3, patch.getValue("rotor/properties/speedRpm").orElseThrow().asDouble());
        assertEquals(2, patch.getSize());
        assertEquals(tree, patch.parsed());
        assertTrue(patch.equals(tree), "equal to the tree of the same JSON");
        assertEquals(tree.hashCode(), patch.hashCode());
        assertNotEquals(PreRenderedJsonObject.of("{\"rotor\":{}}"), patch);
        JsonObject twin = JsonFactory.newObject("{\"features\":{\"rotor\":{\"properties\":{\"speedRpm\":1.0}}}}");
        assertEquals(12.3, JsonMergePatch.of(JsonPointer.of("/features"), patch).applyOn(twin).asObject()
                .getValue("features/rotor/properties/speedRpm").orElseThrow().asDouble());
    }
}
