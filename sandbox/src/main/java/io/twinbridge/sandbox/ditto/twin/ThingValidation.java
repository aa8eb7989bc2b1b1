package io.twinbridge.sandbox.ditto.twin;

import java.util.Optional;

import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * Validation of a changed thing with Ditto's thing model, which throws Ditto's own errors for malformed parts and
 * renders the valid thing in the model's form. After a merge only the parts the patch touched are validated
 * (each touched feature, or the attributes), since the rest is the stored, already valid thing; whenever the
 * touched part is anything else, or the model would render a touched part differently, the whole thing is
 * validated as before, so the result is always the whole-thing validation's.
 */
final class ThingValidation {

    private ThingValidation() {
    }

    /** The whole thing through Ditto's model ({@code ThingsModelFactory.newThing(json).toJson()}). */
    static JsonObject whole(final JsonObject json) {
        return ThingsModelFactory.newThing(json).toJson();
    }

    /**
     * {@code merged} (the stored, valid {@code before} with {@code patch} merged, the patch given from the thing's
     * root), validated as {@link #whole(JsonObject)} would validate it.
     */
    static JsonObject afterMerge(final JsonObject before, final JsonValue patch, final JsonObject merged) {
        if (!patch.isObject() || patch.asObject().isNull()) {
            return whole(merged);
        }
        try {
            for (final JsonField field : patch.asObject()) {
                final String key = field.getKeyName();
                if (!before.contains(field.getKey()) || !touchedPartValid(key, field.getValue(), merged)) {
                    // a new top-level part (the model orders them), or one validated only as a whole
                    return whole(merged);
                }
            }
            return merged;
        } catch (final RuntimeException malformed) {
            // the part is malformed: the whole thing's validation throws the error Ditto gives for it (the model
            // of one part can throw a different exception than the thing's, e.g. a bare JsonParseException)
            return whole(merged);
        }
    }

    /** True if the touched part is valid and the model renders it as it is; false: validate the whole thing. */
    private static boolean touchedPartValid(final String key, final JsonValue patchPart, final JsonObject merged) {
        if ("attributes".equals(key)) {
            final Optional<JsonObject> attributes = object(merged, "attributes");
            return attributes.isPresent()
                    && ThingsModelFactory.newAttributes(attributes.get()).toJson().equals(attributes.get());
        }
        if (!"features".equals(key) || !patchPart.isObject() || patchPart.asObject().isNull()) {
            return false;
        }
        final Optional<JsonObject> features = object(merged, "features");
        if (features.isEmpty()) {
            return false;
        }
        for (final JsonField feature : patchPart.asObject()) {
            if (MergePatch.isRegexKey(feature.getKeyName())) {
                return false;
            }
            final Optional<JsonValue> mergedFeature = features.get().getValue(feature.getKey());
            if (mergedFeature.isPresent()) {
                final JsonObject single = JsonObject.newBuilder().set(feature.getKey(), mergedFeature.get()).build();
                if (!ThingsModelFactory.newFeatures(single).toJson().equals(single)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Optional<JsonObject> object(final JsonObject json, final String key) {
        return json.getValue(key).filter(JsonValue::isObject).map(JsonValue::asObject)
                .filter(o -> !o.isNull());
    }
}
