package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.model.Conversion;
import io.twinbridge.gateway.model.PropertySpec;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the {@link ValueCheck} for a property: type, then conversion, then range and enum, in model units. */
final class ValueChecks {
    private ValueChecks() {
    }

    /**
     * @param label names the field and property in messages, e.g. {@code field 'rotor.speedRpm' (rotor/speed)}
     */
    static ValueCheck forSpec(PropertySpec spec, Conversion conversion, String label) {
        return switch (spec.type()) {
            case INTEGER -> integer(spec, label);
            case NUMBER -> number(spec, conversion, label);
            case STRING -> string(spec, label);
            case BOOLEAN -> raw -> raw instanceof Boolean ? Result.ok(raw) : wrongType(label, "boolean", raw);
            case ARRAY -> array(spec, conversion, label);
            case OBJECT -> throw new IllegalArgumentException(label + ": object properties cannot be bound");
        };
    }

    private static ValueCheck integer(PropertySpec spec, String label) {
        double min = spec.minimum().orElse(Double.NEGATIVE_INFINITY);
        double max = spec.maximum().orElse(Double.POSITIVE_INFINITY);
        String unit = unit(spec);
        return raw -> {
            if (!(raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte)) {
                return wrongType(label, "integer", raw);
            }
            long v = ((Number) raw).longValue();
            if (v < min || v > max) {
                return outOfRange(label, raw, unit, min, max);
            }
            return Result.ok(raw instanceof Long || raw instanceof Integer ? raw : Integer.valueOf((int) v));
        };
    }

    private static ValueCheck number(PropertySpec spec, Conversion conversion, String label) {
        double min = spec.minimum().orElse(Double.NEGATIVE_INFINITY);
        double max = spec.maximum().orElse(Double.POSITIVE_INFINITY);
        String unit = unit(spec);
        boolean identity = conversion.isIdentity();
        return raw -> {
            if (!(raw instanceof Number n)) {
                return wrongType(label, "number", raw);
            }
            // A float widened naively shows binary noise (0.1f -> 0.10000000149); its decimal text is what was meant.
            double v = n instanceof Float f ? Double.parseDouble(f.toString()) : n.doubleValue();
            if (!Double.isFinite(v)) {
                return Result.err(Stage.VALIDATE, ErrorCodes.WRONG_TYPE, label + ": expected a finite number, got " + v);
            }
            if (!identity) {
                v = conversion.apply(v);
            }
            if (v < min || v > max) {
                return outOfRange(label, v, unit, min, max);
            }
            return Result.ok(identity && !(n instanceof Float) ? n : Double.valueOf(v));
        };
    }

    private static ValueCheck string(PropertySpec spec, String label) {
        Set<String> allowed = new HashSet<>(spec.enumValues());
        List<String> ordered = spec.enumValues();
        return raw -> {
            if (!(raw instanceof CharSequence cs)) {
                return wrongType(label, "string", raw);
            }
            String s = cs.toString();
            if (!allowed.isEmpty() && !allowed.contains(s)) {
                return Result.err(Stage.VALIDATE, ErrorCodes.NOT_IN_ENUM,
                        label + ": value \"" + s + "\" is not one of " + ordered);
            }
            return Result.ok(s);
        };
    }

    private static ValueCheck array(PropertySpec spec, Conversion conversion, String label) {
        PropertySpec itemSpec = spec.items().orElseThrow(() -> new IllegalArgumentException(label + ": no items"));
        ValueCheck item = forSpec(itemSpec, conversion, label + " item");
        int minItems = spec.minItems().orElse(0);
        int maxItems = spec.maxItems().orElse(Integer.MAX_VALUE);
        return raw -> {
            if (!(raw instanceof List<?> list)) {
                return wrongType(label, "array", raw);
            }
            if (list.size() < minItems || list.size() > maxItems) {
                return Result.err(Stage.VALIDATE, ErrorCodes.OUT_OF_RANGE, label + ": array length " + list.size()
                        + " is outside [" + minItems + ", " + (maxItems == Integer.MAX_VALUE ? "∞" : maxItems) + "]");
            }
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                if (element == null) {
                    return Result.err(Stage.VALIDATE, ErrorCodes.WRONG_TYPE,
                            label + " item: expected " + itemSpec.type().label() + ", got null");
                }
                Result<Object> checked = item.apply(element);
                if (!checked.isOk()) {
                    return checked;
                }
                out.add(checked.value());
            }
            return Result.ok(Collections.unmodifiableList(out));
        };
    }

    static Result<Object> wrongType(String label, String expected, Object raw) {
        String got = raw instanceof CharSequence ? "string \"" + raw + "\"" : raw.getClass().getSimpleName() + " " + raw;
        return Result.err(Stage.VALIDATE, ErrorCodes.WRONG_TYPE, label + ": expected " + expected + ", got " + got);
    }

    private static Result<Object> outOfRange(String label, Object value, String unit, double min, double max) {
        return Result.err(Stage.VALIDATE, ErrorCodes.OUT_OF_RANGE,
                label + ": value " + value + unit + " is outside [" + bound(min) + ", " + bound(max) + "]");
    }

    private static String unit(PropertySpec spec) {
        return spec.unit().map(u -> " " + u).orElse("");
    }

    private static String bound(double b) {
        if (Double.isInfinite(b)) {
            return b < 0 ? "-∞" : "∞";
        }
        return BigDecimal.valueOf(b).stripTrailingZeros().toPlainString();
    }
}
