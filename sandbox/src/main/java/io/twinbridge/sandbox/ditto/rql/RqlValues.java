package io.twinbridge.sandbox.ditto.rql;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.eclipse.ditto.json.JsonValue;

/**
 * Value rules of Ditto 3.9.6's {@code ThingPredicatePredicateVisitor} ({@code mapJsonValueToJava},
 * {@code compare}, {@code asNumber}) and {@code LikeHelper.convertToRegexSyntax}.
 */
final class RqlValues {

    /** ThingPredicatePredicateVisitor.NULL_LITERAL: a JSON null; not Comparable; like sees its String.valueOf. */
    static final Object NULL_LITERAL = new Object();

    private RqlValues() {
    }

    /** mapJsonValueToJava: scalars as Java values, arrays recursively flattened, objects as nothing. */
    static void toJava(final JsonValue value, final Consumer<Object> sink) {
        if (value.isString()) {
            sink.accept(value.asString());
        } else if (value.isBoolean()) {
            sink.accept(value.asBoolean());
        } else if (value.isNull()) {
            sink.accept(NULL_LITERAL);
        } else if (value.isNumber()) {
            if (value.isInt()) {
                sink.accept(value.asInt());
            } else if (value.isLong()) {
                sink.accept(value.asLong());
            } else {
                sink.accept(value.asDouble());
            }
        } else if (value.isArray()) {
            value.asArray().forEach(element -> toJava(element, sink));
        }
    }

    /** The values a field holds, as {@link #toJava(JsonValue, Consumer)} yields them. */
    static List<Object> toJava(final JsonValue value) {
        if (!value.isArray()) {
            final Object[] single = new Object[1];
            toJava(value, v -> single[0] = v);
            return single[0] == null ? List.of() : List.of(single[0]);
        }
        final java.util.ArrayList<Object> list = new java.util.ArrayList<>();
        toJava(value, list::add);
        return list;
    }

    /**
     * ThingPredicatePredicateVisitor.compare(value, obj): the sign of obj relative to value. Numbers compare as
     * BigDecimal; a string and a number are compared as numbers if the string parses as one; values of one class
     * compare naturally; anything else by its string form.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(final Object value, final Object obj) {
        // Fast path with the same result: two integral numbers (BigDecimal of both compares as the longs do).
        if ((value instanceof Long || value instanceof Integer) && (obj instanceof Long || obj instanceof Integer)) {
            return Long.compare(((Number) obj).longValue(), ((Number) value).longValue());
        }
        final Comparable comparableObj = asNumber(obj);
        final Comparable comparableValue = asNumber(value);
        if (comparableValue instanceof String && comparableObj instanceof BigDecimal) {
            try {
                return comparableObj.compareTo(new BigDecimal((String) comparableValue));
            } catch (final NumberFormatException e) {
                // as Ditto: continue with the other rules
            }
        } else if (comparableValue instanceof BigDecimal && comparableObj instanceof String) {
            try {
                return new BigDecimal((String) comparableObj).compareTo((BigDecimal) comparableValue);
            } catch (final NumberFormatException e) {
                // as Ditto: continue with the other rules
            }
        }
        if (comparableValue.getClass().equals(comparableObj.getClass())) {
            return comparableObj.compareTo(comparableValue);
        }
        return comparableObj.toString().compareTo(comparableValue.toString());
    }

    private static Comparable<?> asNumber(final Object comparable) {
        return comparable instanceof Number ? new BigDecimal(comparable.toString()) : (Comparable<?>) comparable;
    }

    /** LikeHelper.convertToRegexSyntax (base/model, 3.9.6), compiled; {@code ilike} adds CASE_INSENSITIVE. */
    static Pattern likePattern(final String expression, final boolean ignoreCase) {
        final String valueString = expression.replaceAll("\\*{2,}", "*");
        final String regex;
        if ("*".equals(valueString)) {
            regex = ".*";
        } else {
            String escaped = Pattern.compile(Pattern.quote(valueString)).toString();
            escaped = escaped.replaceAll("\\*", "\\\\E.*\\\\Q");
            escaped = escaped.replaceAll("\\?", "\\\\E.\\\\Q");
            // LikeHelper checks for a leading "\Q\E.*" / trailing ".*\Q\E" on the unescaped value, which a value
            // never has: the pattern is always anchored.
            if (!valueString.startsWith("\\Q\\E.*")) {
                escaped = "^" + escaped;
            }
            if (!valueString.endsWith(".*\\Q\\E")) {
                escaped = escaped + "$";
            }
            regex = escaped;
        }
        return ignoreCase ? Pattern.compile(regex, Pattern.CASE_INSENSITIVE) : Pattern.compile(regex);
    }
}
