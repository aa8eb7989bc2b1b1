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

    // JsonKeys, not Strings: ditto-json parses a String argument as a JSON pointer with a regex on every call
    private static final org.eclipse.ditto.json.JsonKey ATTRIBUTES = org.eclipse.ditto.json.JsonKey.of("attributes");
    private static final org.eclipse.ditto.json.JsonKey FEATURES = org.eclipse.ditto.json.JsonKey.of("features");

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
                if (!before.contains(field.getKey()) || !touchedPartValid(key, field.getValue(), before, merged)) {
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
    private static boolean touchedPartValid(final String key, final JsonValue patchPart, final JsonObject before,
            final JsonObject merged) {
        if ("attributes".equals(key)) {
            final Optional<JsonObject> attributes = object(merged, ATTRIBUTES);
            if (attributes.isPresent() && patchPart.isObject() && !patchPart.asObject().isNull()) {
                // the stored attributes were valid; what the model checks in attributes (ImmutableAttributes.of:
                // JsonKeyValidator.validateJsonKeys) is checked on what the patch brings
                validateJsonKeys(patchPart.asObject());
                return true;
            }
            return attributes.isPresent()
                    && ThingsModelFactory.newAttributes(attributes.get()).toJson().equals(attributes.get());
        }
        if (!"features".equals(key) || !patchPart.isObject() || patchPart.asObject().isNull()) {
            return false;
        }
        final Optional<JsonObject> features = object(merged, FEATURES);
        if (features.isEmpty()) {
            return false;
        }
        for (final JsonField feature : patchPart.asObject()) {
            if (MergePatch.isRegexKey(feature.getKeyName())) {
                return false;
            }
            final Optional<JsonValue> mergedFeature = features.get().getValue(feature.getKey());
            // only a feature that existed before: a new one needs the model's check of its id too
            final boolean existed = object(before, FEATURES).flatMap(f -> f.getValue(feature.getKey()))
                    .filter(JsonValue::isObject).isPresent();
            if (existed && mergedFeature.isPresent() && propertiesOnly(feature.getValue(), mergedFeature.get())) {
                // properties of an existing feature: ImmutableFeatureProperties.of checks their keys
                // (JsonKeyValidator.validateJsonKeys), on what the patch brings
                feature.getValue().asObject().forEach(part -> validateJsonKeys(part.getValue().asObject()));
            } else if (mergedFeature.isPresent()) {
                final JsonObject single = JsonObject.newBuilder().set(feature.getKey(), mergedFeature.get()).build();
                if (!ThingsModelFactory.newFeatures(single).toJson().equals(single)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The feature existed as an object and stays one, and the patch touches only its {@code properties} or
     * {@code desiredProperties}, each with an object: the model renders them as they are.
     */
    private static boolean propertiesOnly(final JsonValue patchFeature, final JsonValue mergedFeature) {
        if (!patchFeature.isObject() || patchFeature.asObject().isNull() || !mergedFeature.isObject()
                || patchFeature.asObject().isEmpty()) {
            return false;
        }
        for (final JsonField part : patchFeature.asObject()) {
            final String name = part.getKeyName();
            if (!("properties".equals(name) || "desiredProperties".equals(name)) || !part.getValue().isObject()
                    || part.getValue().asObject().isNull()
                    || !mergedFeature.asObject().getValue(part.getKey()).filter(JsonValue::isObject).isPresent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * ThingsModelFactory.validateJsonKeys, whose regex per key ({@code RegexPatterns.NO_CONTROL_CHARS_NO_SLASHES_PATTERN}
     * and {@code AbstractPatternValidator}'s 256 characters) is checked here by hand first; only an invalid key goes
     * to Ditto's validator, for its exception.
     */
    private static void validateJsonKeys(final JsonObject object) {
        if (!keysValid(object)) {
            ThingsModelFactory.validateJsonKeys(object);
        }
    }

    private static boolean keysValid(final JsonObject object) {
        for (final JsonField field : object) {
            if (!keyValid(field.getKeyName()) || field.getValue().isObject() && !keysValid(field.getValue().asObject())) {
                return false;
            }
        }
        return true;
    }

    /** "^[^\x00-\x1F\x7F-\xFF/]+$" and at most 256 characters. */
    static boolean keyValid(final String key) {
        if (key.isEmpty() || key.length() > 256) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            final char c = key.charAt(i);
            if (c <= 0x1F || c >= 0x7F && c <= 0xFF || c == '/') {
                return false;
            }
        }
        return true;
    }

    private static Optional<JsonObject> object(final JsonObject json, final org.eclipse.ditto.json.JsonKey key) {
        return json.getValue(key).filter(JsonValue::isObject).map(JsonValue::asObject)
                .filter(o -> !o.isNull());
    }
}
