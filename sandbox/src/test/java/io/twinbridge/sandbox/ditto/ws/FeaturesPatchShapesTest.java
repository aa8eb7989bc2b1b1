package io.twinbridge.sandbox.ditto.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.junit.jupiter.api.Test;

/**
 * A twin merge at {@code /features} whose value's shape Ditto's protocol adapter already accepted goes to the adapter
 * with {@code {}} as value; the headers Ditto sets and every refusal stay the adapter's own
 * ({@code ThingMergeCommandMappingStrategies.mergeThingWithFeatures}, {@code ThingsModelFactory.newFeatures}).
 */
class FeaturesPatchShapesTest {

    private static final String PATCH = "{\"rotor\":{\"properties\":{\"speed\":%s,\"sourceTs\":%d,\"tags\":[{\"a\":1}]}},"
            + "\"status\":{\"definition\":[\"acme:status:1.0.0\"],\"properties\":{\"state\":\"%s\"}}}";

    private static Adaptable merge(final String value, final String extraHeaders) {
        return ProtocolFactory.jsonifiableAdaptableFromJson(JsonFactory.newObject(
                "{\"topic\":\"acme/shapes-1/things/twin/commands/merge\",\"headers\":{\"correlation-id\":\"c-1\","
                        + "\"content-type\":\"application/merge-patch+json\"" + extraHeaders + "},"
                        + "\"path\":\"/features\",\"value\":" + value + "}"));
    }

    @Test
    void theShapeIgnoresPropertyValuesOnlyAndTellsKeysTypesAndDefinitionsApart() {
        final String shape = FeaturesPatchShapes.shape(JsonFactory.newObject(String.format(PATCH, "1.5", 1L, "RUNNING")));
        assertEquals(shape, FeaturesPatchShapes.shape(JsonFactory.newObject(String.format(PATCH, "-7", 99L, "STOPPED"))));
        // a JSON type, a key, a feature id or a definition changes the shape
        assertNotEquals(shape, FeaturesPatchShapes.shape(JsonFactory.newObject(String.format(PATCH, "\"x\"", 1L, "R"))));
        assertNotEquals(shape, FeaturesPatchShapes.shape(JsonFactory.newObject(String.format(PATCH, "null", 1L, "R"))));
        assertNotEquals(shape, FeaturesPatchShapes.shape(JsonFactory.newObject(String.format(PATCH, "1", 1L, "R")
                .replace("speed", "sp/eed"))));
        assertNotEquals(shape, FeaturesPatchShapes.shape(JsonFactory.newObject(String.format(PATCH, "1", 1L, "R")
                .replace("rotor", "rot\\u0001or"))));
        assertNotEquals(shape, FeaturesPatchShapes.shape(JsonFactory.newObject(String.format(PATCH, "1", 1L, "R")
                .replace("acme:status:1.0.0", "not a definition"))));
        assertNotEquals(shape, FeaturesPatchShapes.shape(JsonFactory.newObject(String.format(PATCH, "1", 1L, "R")
                .replace("{\"a\":1}", "{\"a/b\":1}"))));
    }

    @Test
    void aMergeOfAnAcceptedShapeGoesToTheAdapterWithEmptyFeaturesAndGetsTheSameHeaders() {
        // a feature id of this test only: the first merge is the first of its shape, so it goes to the adapter whole
        final String patch = PATCH.replace("rotor", "rotor-of-the-headers-test");
        final Adaptable first = merge(String.format(patch, "1.5", 1L, "RUNNING"), "");
        assertEquals(first, FeaturesPatchShapes.forAdapter(first, FeaturesPatchShapes.shapeOf(first)));
        final DittoHeaders wholeValue = WsCommandHeaders.of(first);
        final Adaptable second = merge(String.format(patch, "2.5", 2L, "STOPPED"), "");
        final Optional<String> shape = FeaturesPatchShapes.shapeOf(second);
        assertTrue(shape.isPresent());
        final Adaptable given = FeaturesPatchShapes.forAdapter(second, shape);
        assertEquals(Optional.of(JsonObject.empty()), given.getPayload().getValue());
        assertEquals(second.getDittoHeaders(), given.getDittoHeaders());
        assertEquals(second.getTopicPath(), given.getTopicPath());
        // the same headers (defaults included) as the whole value gave
        assertEquals(wholeValue, WsCommandHeaders.of(second));
    }

    @Test
    void otherCommandsAndPathsAreNotShortened() {
        final Adaptable atRoot = ProtocolFactory.jsonifiableAdaptableFromJson(JsonFactory.newObject(
                "{\"topic\":\"acme/shapes-1/things/twin/commands/merge\",\"headers\":{},\"path\":\"/\","
                        + "\"value\":{\"features\":{}}}"));
        assertEquals(Optional.empty(), FeaturesPatchShapes.shapeOf(atRoot));
        final Adaptable modify = ProtocolFactory.jsonifiableAdaptableFromJson(JsonFactory.newObject(
                "{\"topic\":\"acme/shapes-1/things/twin/commands/modify\",\"headers\":{},\"path\":\"/features\","
                        + "\"value\":{}}"));
        assertEquals(Optional.empty(), FeaturesPatchShapes.shapeOf(modify));
        assertSame(modify, FeaturesPatchShapes.forAdapter(modify, FeaturesPatchShapes.shapeOf(modify)));
    }

    @Test
    void refusalsStayTheAdaptersOwnAfterTheShapeWasAccepted() {
        WsCommandHeaders.of(merge(String.format(PATCH, "1.5", 1L, "RUNNING"), ""));
        // a key the model refuses: another shape, so the whole value goes to the adapter, which refuses it
        final Adaptable badKey = merge(String.format(PATCH, "1.5", 1L, "RUNNING").replace("speed", "sp/eed"), "");
        final DittoRuntimeException expected = assertThrows(DittoRuntimeException.class,
                () -> DittoProtocolAdapter.newInstance().fromAdaptable(badKey));
        final DittoRuntimeException refused = assertThrows(DittoRuntimeException.class,
                () -> WsCommandHeaders.of(badKey));
        assertEquals(expected.getErrorCode(), refused.getErrorCode());
        assertEquals(expected.getMessage(), refused.getMessage());
        // a value of the accepted shape with the wrong content type: still refused, with the same error
        final Adaptable json = merge(String.format(PATCH, "3.5", 3L, "RUNNING"), "")
                .setDittoHeaders(DittoHeaders.newBuilder().correlationId("c-2").contentType("application/json")
                        .build());
        final DittoRuntimeException expectedType = assertThrows(DittoRuntimeException.class,
                () -> DittoProtocolAdapter.newInstance().fromAdaptable(json));
        assertEquals(expectedType.toJson(), assertThrows(DittoRuntimeException.class,
                () -> WsCommandHeaders.of(json)).toJson());
    }
}
