package io.twinbridge.sandbox.ditto.rql;

import java.util.Optional;
import java.util.function.Predicate;

import org.eclipse.ditto.json.JsonPointer;
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

    // one-level JsonPointers, not Strings or JsonKeys: ditto-json turns any other key into a new JSON pointer on every
    // lookup (a String with a regex); a pointer it takes as it is
    private static final JsonPointer ATTRIBUTES = JsonLookup.pointer("attributes");
    private static final JsonPointer FEATURES = JsonLookup.pointer("features");
    private static final JsonPointer DEFINITION = JsonLookup.pointer("definition");
    private static final JsonPointer PROPERTIES = JsonLookup.pointer("properties");
    private static final JsonPointer DESIRED_PROPERTIES = JsonLookup.pointer("desiredProperties");
    private static final JsonPointer METADATA = JsonLookup.pointer("_metadata");

    private FieldPresence() {
    }

    static Predicate<RqlTarget> exists(final RqlField field) {
        final JsonLookup path = JsonLookup.of(field.path());
        final JsonPointer featureKey = field.featureId() == null ? null : JsonLookup.pointer(field.featureId());
        switch (field.kind()) {
            case ATTRIBUTE:
                return t -> object(t.json(), ATTRIBUTES).flatMap(path::getFlatteningArrays).isPresent();
            case FEATURE:
                return t -> object(t.json(), FEATURES).map(f -> f.contains(featureKey)).orElse(false);
            case FEATURE_DEFINITION:
                return t -> featurePart(t, featureKey, DEFINITION).isPresent();
            case FEATURE_PROPERTIES:
                return t -> featurePart(t, featureKey, PROPERTIES).isPresent();
            case FEATURE_DESIRED_PROPERTIES:
                return t -> featurePart(t, featureKey, DESIRED_PROPERTIES).isPresent();
            case FEATURE_PROPERTY:
                return t -> featurePart(t, featureKey, PROPERTIES).filter(JsonValue::isObject)
                        .flatMap(p -> path.getFlatteningArrays(p.asObject())).isPresent();
            case FEATURE_DESIRED_PROPERTY:
                return t -> featurePart(t, featureKey, DESIRED_PROPERTIES).filter(JsonValue::isObject)
                        .flatMap(p -> path.getFlatteningArrays(p.asObject())).isPresent();
            case METADATA:
                return t -> metadata(t).map(m -> path.get(m).isPresent()).orElse(false);
            case SIMPLE:
                return t -> path.get(t.json()).isPresent();
            case PLACEHOLDER: {
                // ExistsThingPredicateVisitor.visitSimple: in the thing, or a resolver has a value
                final String[] placeholder = field.path().split(":", 2);
                return t -> path.get(t.json()).isPresent() || !t.placeholder(placeholder[0], placeholder[1]).isEmpty();
            }
            default:
                throw new IllegalStateException("unknown field " + field);
        }
    }

    static Predicate<RqlTarget> empty(final RqlField field) {
        final JsonLookup path = JsonLookup.of(field.path());
        final JsonPointer featureKey = field.featureId() == null ? null : JsonLookup.pointer(field.featureId());
        switch (field.kind()) {
            case ATTRIBUTE:
                return t -> object(t.json(), ATTRIBUTES).map(a -> isEmpty(path.getFlatteningArrays(a)))
                        .orElse(true);
            case FEATURE:
                return t -> feature(t, featureKey).map(f -> !present(f, DEFINITION) && !present(f, PROPERTIES)
                        && !present(f, DESIRED_PROPERTIES)).orElse(true);
            case FEATURE_DEFINITION:
                return t -> featurePart(t, featureKey, DEFINITION)
                        .map(d -> d.isArray() && d.asArray().isEmpty()).orElse(true);
            case FEATURE_PROPERTIES:
                return t -> featurePart(t, featureKey, PROPERTIES)
                        .map(p -> p.isObject() && p.asObject().isEmpty()).orElse(true);
            case FEATURE_DESIRED_PROPERTIES:
                return t -> featurePart(t, featureKey, DESIRED_PROPERTIES)
                        .map(p -> p.isObject() && p.asObject().isEmpty()).orElse(true);
            case FEATURE_PROPERTY:
                return t -> featurePart(t, featureKey, PROPERTIES).filter(JsonValue::isObject)
                        .map(p -> isEmpty(path.getFlatteningArrays(p.asObject()))).orElse(true);
            case FEATURE_DESIRED_PROPERTY:
                return t -> featurePart(t, featureKey, DESIRED_PROPERTIES).filter(JsonValue::isObject)
                        .map(p -> isEmpty(path.getFlatteningArrays(p.asObject()))).orElse(true);
            case METADATA:
                return t -> metadata(t).map(m -> isEmpty(path.get(m))).orElse(true);
            case SIMPLE:
                // absent in the regular JSON: EmptyThingPredicateVisitor asks the placeholder resolvers, which
                // know no field without a ':' and answer "empty"
                return t -> isEmpty(path.get(t.json()));
            case PLACEHOLDER: {
                // EmptyThingPredicateVisitor.visitSimple/isEmptyInAdditionalPlaceholderResolvers: the thing's value
                // if it has one, else empty when no resolver gives a value other than ""
                final String[] placeholder = field.path().split(":", 2);
                return t -> {
                    final Optional<JsonValue> inThing = path.get(t.json());
                    return inThing.isPresent() ? isEmpty(inThing)
                            : t.placeholder(placeholder[0], placeholder[1]).stream().allMatch(String::isEmpty);
                };
            }
            default:
                throw new IllegalStateException("unknown field " + field);
        }
    }

    private static Optional<JsonObject> object(final JsonObject json, final JsonPointer key) {
        return json.getValue(key).filter(JsonValue::isObject).map(JsonValue::asObject);
    }

    private static Optional<JsonObject> feature(final RqlTarget t, final JsonPointer featureKey) {
        return object(t.json(), FEATURES).flatMap(f -> f.getValue(featureKey)).filter(JsonValue::isObject)
                .map(JsonValue::asObject);
    }

    /** A part of a feature that the thing model holds as present: the key with a non-null value. */
    private static Optional<JsonValue> featurePart(final RqlTarget t, final JsonPointer featureKey, final JsonPointer part) {
        return feature(t, featureKey).flatMap(f -> f.getValue(part)).filter(v -> !v.isNull());
    }

    private static boolean present(final JsonObject feature, final JsonPointer part) {
        return feature.getValue(part).filter(v -> !v.isNull()).isPresent();
    }

    private static Optional<JsonObject> metadata(final RqlTarget t) {
        final Optional<JsonValue> inJson = t.json().getValue(METADATA);
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
