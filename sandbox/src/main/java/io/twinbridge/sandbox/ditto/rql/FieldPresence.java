package io.twinbridge.sandbox.ditto.rql;

import java.util.Optional;
import java.util.function.Predicate;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * {@code exists} and {@code empty} on the thing's JSON, as Ditto 3.9.6's {@code ExistsThingPredicateVisitor} and
 * {@code EmptyThingPredicateVisitor} answer them on the thing model: attributes and feature properties flatten
 * arrays; a simple field ({@code thingId}, {@code _revision}, ...) is looked up in the regular JSON
 * ({@code thing.toJson()}), where the hidden special fields are not, so that {@code exists(_revision)} is false and
 * {@code empty(_revision)} true in a condition, as in Ditto.
 */
final class FieldPresence {

    private FieldPresence() {
    }

    static Predicate<RqlTarget> exists(final RqlField field) {
        final JsonLookup path = JsonLookup.of(field.path());
        final String featureId = field.featureId();
        switch (field.kind()) {
            case ATTRIBUTE:
                return t -> object(t.json(), "attributes").flatMap(path::getFlatteningArrays).isPresent();
            case FEATURE:
                return t -> object(t.json(), "features").map(f -> f.contains(featureId)).orElse(false);
            case FEATURE_DEFINITION:
                return t -> featurePart(t, featureId, "definition").isPresent();
            case FEATURE_PROPERTIES:
                return t -> featurePart(t, featureId, "properties").isPresent();
            case FEATURE_DESIRED_PROPERTIES:
                return t -> featurePart(t, featureId, "desiredProperties").isPresent();
            case FEATURE_PROPERTY:
                return t -> featurePart(t, featureId, "properties").filter(JsonValue::isObject)
                        .flatMap(p -> path.getFlatteningArrays(p.asObject())).isPresent();
            case FEATURE_DESIRED_PROPERTY:
                return t -> featurePart(t, featureId, "desiredProperties").filter(JsonValue::isObject)
                        .flatMap(p -> path.getFlatteningArrays(p.asObject())).isPresent();
            case METADATA:
                return t -> metadata(t).map(m -> path.get(m).isPresent()).orElse(false);
            case SIMPLE:
                return t -> path.get(t.json()).isPresent();
            default:
                throw new IllegalStateException("unknown field " + field);
        }
    }

    static Predicate<RqlTarget> empty(final RqlField field) {
        final JsonLookup path = JsonLookup.of(field.path());
        final String featureId = field.featureId();
        switch (field.kind()) {
            case ATTRIBUTE:
                return t -> object(t.json(), "attributes").map(a -> isEmpty(path.getFlatteningArrays(a)))
                        .orElse(true);
            case FEATURE:
                return t -> feature(t, featureId).map(f -> !present(f, "definition") && !present(f, "properties")
                        && !present(f, "desiredProperties")).orElse(true);
            case FEATURE_DEFINITION:
                return t -> featurePart(t, featureId, "definition")
                        .map(d -> d.isArray() && d.asArray().isEmpty()).orElse(true);
            case FEATURE_PROPERTIES:
                return t -> featurePart(t, featureId, "properties")
                        .map(p -> p.isObject() && p.asObject().isEmpty()).orElse(true);
            case FEATURE_DESIRED_PROPERTIES:
                return t -> featurePart(t, featureId, "desiredProperties")
                        .map(p -> p.isObject() && p.asObject().isEmpty()).orElse(true);
            case FEATURE_PROPERTY:
                return t -> featurePart(t, featureId, "properties").filter(JsonValue::isObject)
                        .map(p -> isEmpty(path.getFlatteningArrays(p.asObject()))).orElse(true);
            case FEATURE_DESIRED_PROPERTY:
                return t -> featurePart(t, featureId, "desiredProperties").filter(JsonValue::isObject)
                        .map(p -> isEmpty(path.getFlatteningArrays(p.asObject()))).orElse(true);
            case METADATA:
                return t -> metadata(t).map(m -> isEmpty(path.get(m))).orElse(true);
            case SIMPLE:
                // absent in the regular JSON: EmptyThingPredicateVisitor asks the placeholder resolvers, which
                // know no field without a ':' and answer "empty"
                return t -> isEmpty(path.get(t.json()));
            default:
                throw new IllegalStateException("unknown field " + field);
        }
    }

    private static Optional<JsonObject> object(final JsonObject json, final String key) {
        return json.getValue(key).filter(JsonValue::isObject).map(JsonValue::asObject);
    }

    private static Optional<JsonObject> feature(final RqlTarget t, final String featureId) {
        return object(t.json(), "features").flatMap(f -> f.getValue(org.eclipse.ditto.json.JsonPointer.empty()
                .addLeaf(org.eclipse.ditto.json.JsonKey.of(featureId)))).filter(JsonValue::isObject)
                .map(JsonValue::asObject);
    }

    /** A part of a feature that the thing model holds as present: the key with a non-null value. */
    private static Optional<JsonValue> featurePart(final RqlTarget t, final String featureId, final String part) {
        return feature(t, featureId).flatMap(f -> f.getValue(part)).filter(v -> !v.isNull());
    }

    private static boolean present(final JsonObject feature, final String part) {
        return feature.getValue(part).filter(v -> !v.isNull()).isPresent();
    }

    private static Optional<JsonObject> metadata(final RqlTarget t) {
        final Optional<JsonValue> inJson = t.json().getValue("_metadata");
        return (inJson.isPresent() ? inJson : t.special("_metadata")).filter(JsonValue::isObject)
                .map(JsonValue::asObject);
    }

    /** EmptyThingPredicateVisitor.isValueEmpty: absent, null, "", [] or {}. */
    private static boolean isEmpty(final Optional<JsonValue> value) {
        if (value.isEmpty()) {
            return true;
        }
        final JsonValue v = value.get();
        return v.isNull() || (v.isString() && v.asString().isEmpty()) || (v.isArray() && v.asArray().isEmpty())
                || (v.isObject() && v.asObject().isEmpty());
    }
}
