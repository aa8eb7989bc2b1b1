package io.twinbridge.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One property of a feature Thing Model (or the item schema of an array property), with the constraints the gateway
 * validates against.
 *
 * @param name       property name; for array items the name of the array property
 * @param type       declared data type
 * @param unit       declared unit, e.g. {@code om2:kilowatt} or {@code rpm}
 * @param minimum    inclusive lower bound, numbers only
 * @param maximum    inclusive upper bound, numbers only
 * @param enumValues allowed values of a string property; empty when unconstrained
 * @param readOnly   true for device-reported values; false marks an operator-writable (desired) property
 * @param required   not listed in the feature model's {@code tm:optional}: every sample must carry it
 * @param items      item schema of an array property
 * @param minItems   minimum array length
 * @param maxItems   maximum array length
 * @param defaultValue the declared {@code default}: Ditto's initial value when it creates a thing from the model
 */
public record PropertySpec(String name, JsonType type, Optional<String> unit, OptionalDouble minimum,
                           OptionalDouble maximum, List<String> enumValues, boolean readOnly, boolean required,
                           Optional<PropertySpec> items, OptionalInt minItems, OptionalInt maxItems,
                           Optional<JsonNode> defaultValue) {

    public PropertySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(maximum, "maximum");
        enumValues = List.copyOf(enumValues);
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(minItems, "minItems");
        Objects.requireNonNull(maxItems, "maxItems");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }

    /** Writable properties are the operator's desiredProperties in Ditto and need a command mapping. */
    public boolean writable() {
        return !readOnly;
    }
}
