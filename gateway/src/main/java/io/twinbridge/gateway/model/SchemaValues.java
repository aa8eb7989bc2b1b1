package io.twinbridge.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Checks a JSON value against a property's constraints the way a JSON Schema (draft 7) validator does for the
 * keywords the models use: {@code type}, {@code enum}, {@code minimum}/{@code maximum}, {@code items},
 * {@code minItems}/{@code maxItems}. Used for the models' own {@code default} values.
 */
final class SchemaValues {
    private SchemaValues() {
    }

    /** What is wrong with {@code value} for {@code spec}, or empty when it is valid. */
    static Optional<String> violation(PropertySpec spec, JsonNode value) {
        Optional<String> type = typeViolation(spec.type(), value);
        if (type.isPresent()) {
            return type;
        }
        if (!spec.enumValues().isEmpty() && !spec.enumValues().contains(value.asText())) {
            return Optional.of(value + " is not one of " + spec.enumValues());
        }
        if (value.isNumber()) {
            double d = value.asDouble();
            if (spec.minimum().isPresent() && d < spec.minimum().getAsDouble()) {
                return Optional.of(value + " is below the minimum " + spec.minimum().getAsDouble());
            }
            if (spec.maximum().isPresent() && d > spec.maximum().getAsDouble()) {
                return Optional.of(value + " is above the maximum " + spec.maximum().getAsDouble());
            }
        }
        if (value.isArray()) {
            if (spec.minItems().isPresent() && value.size() < spec.minItems().getAsInt()) {
                return Optional.of(value.size() + " items, fewer than minItems " + spec.minItems().getAsInt());
            }
            if (spec.maxItems().isPresent() && value.size() > spec.maxItems().getAsInt()) {
                return Optional.of(value.size() + " items, more than maxItems " + spec.maxItems().getAsInt());
            }
            if (spec.items().isPresent()) {
                for (int i = 0; i < value.size(); i++) {
                    Optional<String> item = violation(spec.items().get(), value.get(i));
                    if (item.isPresent()) {
                        return Optional.of("item " + i + ": " + item.get());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> typeViolation(JsonType type, JsonNode value) {
        boolean fits = switch (type) {
            case INTEGER -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case NUMBER -> value.isNumber();
            case STRING -> value.isTextual();
            case BOOLEAN -> value.isBoolean();
            case ARRAY -> value.isArray();
            case OBJECT -> value.isObject();
        };
        return fits ? Optional.empty() : Optional.of(value + " is not of type " + type.label());
    }
}
