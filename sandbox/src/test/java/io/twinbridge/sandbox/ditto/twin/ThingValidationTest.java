package io.twinbridge.sandbox.ditto.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * Validating only the parts a merge touched gives exactly what validating the whole merged thing with Ditto's model
 * gives: the same JSON, or the same Ditto error for a malformed part.
 */
class ThingValidationTest {

    private static final JsonObject BEFORE = JsonFactory.newObject("""
            {"thingId":"org.example:pump","policyId":"org.example:plant","attributes":{"site":"north","n":1},
             "features":{"F":{"properties":{"ts":1,"v":2}},"G":{"definition":["org.example:g:1.0.0"],
             "properties":{"x":{"y":1}}}}}""");

    private static final List<String[]> MERGES = List.of(
            new String[]{"/", "{\"features\":{\"F\":{\"properties\":{\"ts\":2,\"w\":3}}}}"},
            new String[]{"/features/F/properties/ts", "5"},
            new String[]{"/features/H", "{\"properties\":{\"a\":1}}"},
            new String[]{"/features/F", "null"},
            new String[]{"/features/G/properties/x", "{\"y\":null,\"z\":[1,2]}"},
            new String[]{"/attributes", "{\"site\":null,\"new\":{\"a\":null,\"b\":1}}"},
            new String[]{"/", "{\"attributes\":{\"n\":2},\"features\":{\"F\":{\"properties\":{\"v\":null}}}}"},
            new String[]{"/", "{\"definition\":\"org.example:pump:1.0.0\"}"},
            new String[]{"/features", "{\"{{ ~F|G~ }}\":null}"},
            // malformed parts: Ditto's model must refuse them as the whole-thing validation does
            new String[]{"/features/F/definition", "[\"not a definition\"]"},
            new String[]{"/features/F/properties", "{\"ok\":1,\"a/b\":1}"},
            new String[]{"/", "{\"features\":{\"F\":{\"properties\":{\"x\":{\"bad/key\":1}}}}}"},
            new String[]{"/features/F", "{\"desiredProperties\":{\"\\u0000\":1}}"},
            new String[]{"/attributes", "{\"a/b\":1}"},
            new String[]{"/features/F/properties", "{\"caf\u00e9\":1}"},
            new String[]{"/features/F/properties", "{\"\u20ac-\u0100 ok\":{\"x\u007f\":1}}"},
            new String[]{"/features/F/properties", "{\"" + "k".repeat(257) + "\":1}"},
            new String[]{"/attributes", "{\"" + "k".repeat(256) + "\":1}"},
            new String[]{"/attributes/x", "{\"c/d\":1}"},
            new String[]{"/features/F", "{\"definition\":\"org.example:f:1\"}"},
            new String[]{"/features/F", "5"},
            new String[]{"/features/F/properties", "\"text\""},
            new String[]{"/features", "{\"bad/id\":{}}"},
            new String[]{"/features", "{\"bad/id\":{\"properties\":{\"a\":1}}}"},
            new String[]{"/features/caf\u00e9", "{\"properties\":{\"a\":1}}"},
            new String[]{"/features", "\"no features\""},
            new String[]{"/attributes", "[1]"},
            new String[]{"/policyId", "\"no-namespace\""},
            new String[]{"/definition", "\"bad\""},
            new String[]{"/", "{\"attributes\":{\"a\":{\"b\":1}},\"features\":{\"F\":{\"definition\":[1]}}}"});

    @Test
    void partialValidationGivesTheWholeThingsValidationsAnswer() {
        int refused = 0;
        for (final String[] merge : MERGES) {
            final JsonPointer path = JsonPointer.of(merge[0]);
            final JsonValue value = JsonFactory.readFrom(merge[1]);
            final JsonValue patch = path.isEmpty() ? value : JsonFactory.newObject(path, value);
            final JsonObject merged = MergePatch.apply(patch, BEFORE).asObject();
            final String expected = outcome(() -> ThingValidation.whole(merged));
            final String actual = outcome(() -> ThingValidation.afterMerge(BEFORE, patch, merged));
            assertEquals(expected, actual, merge[0] + " " + merge[1]);
            refused += expected.startsWith("error ") ? 1 : 0;
        }
        assertNotEquals(0, refused, "some merges must be refused by the model");
    }

    /** The hand-written key check is Ditto's regex (RegexPatterns.NO_CONTROL_CHARS_NO_SLASHES_PATTERN), char by char. */
    @Test
    void keyCheckIsDittosPatternForEveryCharacter() {
        for (char c = 0; c < 0x400; c++) {
            final String key = "a" + c + "b";
            assertEquals(org.eclipse.ditto.base.model.entity.id.RegexPatterns.NO_CONTROL_CHARS_NO_SLASHES_PATTERN
                    .matcher(key).matches(), ThingValidation.keyValid(key), "char " + (int) c);
        }
    }

    @Test
    void mergeKeepsTheTargetsOrderAndDeletesByRegexAsDitto396() {
        final JsonObject merged = MergePatch.apply(JsonFactory.newObject(
                "{\"features\":{\"{{ ~F~ }}\":null,\"A\":{\"properties\":{\"a\":1,\"n\":null}}},\"attributes\":null}"),
                BEFORE).asObject();
        assertEquals("{\"thingId\":\"org.example:pump\",\"policyId\":\"org.example:plant\",\"features\":{\"G\":"
                + "{\"definition\":[\"org.example:g:1.0.0\"],\"properties\":{\"x\":{\"y\":1}}},\"A\":{\"properties\":"
                + "{\"a\":1}}}}", merged.toString());
    }

    private static String outcome(final Supplier<JsonObject> validation) {
        try {
            return validation.get().toString();
        } catch (final DittoRuntimeException refused) {
            return "error " + refused.getErrorCode();
        } catch (final RuntimeException other) {
            return "exception " + other.getClass().getSimpleName();
        }
    }
}
