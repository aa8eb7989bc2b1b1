package io.twinbridge.gateway.model;

import java.util.Optional;
import org.apache.avro.Schema;

/** Which Avro types may feed which Thing Model types. */
final class TypeFit {
    private TypeFit() {
    }

    /** A description of the mismatch, or empty when the Avro type fits the property. */
    static Optional<String> mismatch(Schema avro, PropertySpec spec, boolean converted) {
        Schema.Type at = avro.getType();
        JsonType tt = spec.type();
        if (converted && !(isNumeric(at) || (at == Schema.Type.ARRAY && isNumeric(AvroSchemaPaths.unwrapOptional(avro.getElementType()).getType())))) {
            return Optional.of("unit conversion on non-numeric Avro type " + describe(avro));
        }
        boolean fits = switch (at) {
            case INT, LONG -> tt == JsonType.NUMBER || (tt == JsonType.INTEGER && !converted);
            case FLOAT, DOUBLE -> tt == JsonType.NUMBER;
            case STRING, ENUM -> tt == JsonType.STRING;
            case BOOLEAN -> tt == JsonType.BOOLEAN;
            case ARRAY -> tt == JsonType.ARRAY;
            default -> false;
        };
        if (!fits) {
            return Optional.of("Avro type " + describe(avro) + " does not fit TM type " + tt.label()
                    + (converted && tt == JsonType.INTEGER ? " (a converted value is a number)" : ""));
        }
        if (at == Schema.Type.ARRAY) {
            Schema items = AvroSchemaPaths.unwrapOptional(avro.getElementType());
            PropertySpec itemSpec = spec.items().orElseThrow();
            return mismatch(items, itemSpec, converted).map(m -> "array items: " + m)
                    .or(() -> enumMismatch(items, itemSpec).map(m -> "array items: " + m));
        }
        return Optional.empty();
    }

    /** Avro enum symbols that the TM enum does not allow: a record valid for Avro would always fail validation. */
    static Optional<String> enumMismatch(Schema avro, PropertySpec spec) {
        if (avro.getType() != Schema.Type.ENUM || spec.enumValues().isEmpty()) {
            return Optional.empty();
        }
        var missing = avro.getEnumSymbols().stream().filter(s -> !spec.enumValues().contains(s)).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("Avro enum " + avro.getFullName() + " symbols " + missing + " are not in the TM enum "
                        + spec.enumValues());
    }

    private static boolean isNumeric(Schema.Type t) {
        return t == Schema.Type.INT || t == Schema.Type.LONG || t == Schema.Type.FLOAT || t == Schema.Type.DOUBLE;
    }

    private static String describe(Schema avro) {
        return avro.getType() == Schema.Type.UNION ? "union " + avro : avro.getType().getName();
    }
}
