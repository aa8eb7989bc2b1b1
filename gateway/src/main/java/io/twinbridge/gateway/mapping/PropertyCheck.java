package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.model.Conversion;
import io.twinbridge.gateway.model.PropertySpec;
import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Stage;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates one raw field value against a TM property and converts it to model units: type, then conversion, then
 * range and enum. Compiled once per binding; never throws for bad input.
 *
 * <p>One final class that switches on the property type rather than one lambda per type: the mapper calls it once
 * per property of every record, and a single call site over many lambda classes would not be inlined. A check
 * answers the checked value, or a {@link Failure} (never a valid value), so that the good path allocates no
 * {@code Result} per property; values that need no conversion come back as the very object given.
 */
final class PropertyCheck {
    private enum Kind { INTEGER, NUMBER, STRING, BOOLEAN, ARRAY }

    private final Kind kind;
    private final String label;
    private final String unit;
    private final double min;
    private final double max;
    private final boolean identity;
    private final double scale;
    private final double offset;
    private final Set<String> allowed;
    private final List<String> ordered;
    private final PropertyCheck item;
    private final String itemType;
    private final int minItems;
    private final int maxItems;

    private PropertyCheck(Kind kind, PropertySpec spec, Conversion conversion, String label, PropertyCheck item) {
        this.kind = kind;
        this.label = label;
        this.unit = spec.unit().map(u -> " " + u).orElse("");
        this.min = spec.minimum().orElse(Double.NEGATIVE_INFINITY);
        this.max = spec.maximum().orElse(Double.POSITIVE_INFINITY);
        this.identity = conversion.isIdentity();
        this.scale = conversion.scale();
        this.offset = conversion.offset();
        this.ordered = spec.enumValues();
        this.allowed = new HashSet<>(ordered);
        this.item = item;
        this.itemType = spec.items().map(i -> i.type().label()).orElse("");
        this.minItems = spec.minItems().orElse(0);
        this.maxItems = spec.maxItems().orElse(Integer.MAX_VALUE);
    }

    /**
     * @param label names the field and property in messages, e.g. {@code field 'rotor.speedRpm' (rotor/speed)}
     */
    static PropertyCheck forSpec(PropertySpec spec, Conversion conversion, String label) {
        return switch (spec.type()) {
            case INTEGER -> new PropertyCheck(Kind.INTEGER, spec, conversion, label, null);
            case NUMBER -> new PropertyCheck(Kind.NUMBER, spec, conversion, label, null);
            case STRING -> new PropertyCheck(Kind.STRING, spec, conversion, label, null);
            case BOOLEAN -> new PropertyCheck(Kind.BOOLEAN, spec, conversion, label, null);
            case ARRAY -> new PropertyCheck(Kind.ARRAY, spec, conversion, label, forSpec(
                    spec.items().orElseThrow(() -> new IllegalArgumentException(label + ": no items")), conversion,
                    label + " item"));
            case OBJECT -> throw new IllegalArgumentException(label + ": object properties cannot be bound");
        };
    }

    String label() {
        return label;
    }

    /**
     * @param raw a non-null field value as {@link io.twinbridge.gateway.codec.EventFields} gives it
     * @return the value in model units (Integer, Long, Double, String, Boolean or an unmodifiable List of those), or
     *         the {@link Failure}
     */
    Object apply(Object raw) {
        return switch (kind) {
            case NUMBER -> number(raw);
            case INTEGER -> integer(raw);
            case STRING -> string(raw);
            case BOOLEAN -> raw instanceof Boolean ? raw : wrongType(label, "boolean", raw);
            case ARRAY -> array(raw);
        };
    }

    private Object number(Object raw) {
        double v;
        if (raw instanceof Double d) {
            v = d;
        } else if (raw instanceof Float f) {
            // A float widened naively shows binary noise (0.1f -> 0.10000000149); its decimal text is what was meant.
            v = Double.parseDouble(f.toString());
        } else if (raw instanceof Number n) {
            v = n.doubleValue();
        } else {
            return wrongType(label, "number", raw);
        }
        if (!Double.isFinite(v)) {
            return Failure.of(Stage.VALIDATE, ErrorCodes.WRONG_TYPE, label + ": expected a finite number, got " + v);
        }
        if (!identity) {
            v = v * scale + offset;
        }
        if (v < min || v > max) {
            return outOfRange(v);
        }
        return identity && !(raw instanceof Float) ? raw : Double.valueOf(v);
    }

    private Object integer(Object raw) {
        if (!(raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte)) {
            return wrongType(label, "integer", raw);
        }
        long v = ((Number) raw).longValue();
        if (v < min || v > max) {
            return outOfRange(raw);
        }
        return raw instanceof Long || raw instanceof Integer ? raw : Integer.valueOf((int) v);
    }

    private Object string(Object raw) {
        if (!(raw instanceof CharSequence cs)) {
            return wrongType(label, "string", raw);
        }
        String s = cs.toString();
        if (!allowed.isEmpty() && !allowed.contains(s)) {
            return Failure.of(Stage.VALIDATE, ErrorCodes.NOT_IN_ENUM,
                    label + ": value \"" + s + "\" is not one of " + ordered);
        }
        return s;
    }

    private Object array(Object raw) {
        if (!(raw instanceof List<?> list)) {
            return wrongType(label, "array", raw);
        }
        int size = list.size();
        if (size < minItems || size > maxItems) {
            return Failure.of(Stage.VALIDATE, ErrorCodes.OUT_OF_RANGE, label + ": array length " + size
                    + " is outside [" + minItems + ", " + (maxItems == Integer.MAX_VALUE ? "∞" : maxItems) + "]");
        }
        Object[] out = new Object[size];
        for (int i = 0; i < size; i++) {
            Object element = list.get(i);
            if (element == null) {
                return Failure.of(Stage.VALIDATE, ErrorCodes.WRONG_TYPE, label + " item: expected " + itemType
                        + ", got null");
            }
            Object checked = item.apply(element);
            if (checked instanceof Failure) {
                return checked;
            }
            out[i] = checked;
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    static Failure wrongType(String label, String expected, Object raw) {
        String got = raw instanceof CharSequence ? "string \"" + raw + "\"" : raw.getClass().getSimpleName() + " " + raw;
        return Failure.of(Stage.VALIDATE, ErrorCodes.WRONG_TYPE, label + ": expected " + expected + ", got " + got);
    }

    private Failure outOfRange(Object value) {
        return Failure.of(Stage.VALIDATE, ErrorCodes.OUT_OF_RANGE,
                label + ": value " + value + unit + " is outside [" + bound(min) + ", " + bound(max) + "]");
    }

    private static String bound(double b) {
        if (Double.isInfinite(b)) {
            return b < 0 ? "-∞" : "∞";
        }
        return BigDecimal.valueOf(b).stripTrailingZeros().toPlainString();
    }
}
