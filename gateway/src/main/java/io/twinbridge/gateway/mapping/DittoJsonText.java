package io.twinbridge.gateway.mapping;

import java.util.List;

/**
 * Appends property values and keys to a {@link StringBuilder} exactly as ditto-json 2.4.0 renders them, so that a
 * merge patch written as text equals, character for character, the {@code toString()} of the tree that
 * {@link TwinPatch#toMergePatch()} builds (checked by {@code MergeWriteRenderingTest}). Rules copied from ditto-json:
 * <ul>
 *   <li>strings and keys: {@code JavaStringToEscapedJsonString} with {@code JsonCharEscaper}: {@code "} and
 *       {@code \} get a backslash, {@code \b \f \n \r \t} their short form, the other characters below U+0020
 *       {@code \}{@code uXXXX} with upper-case hex; everything else, U+007F and non-ASCII included, as is;</li>
 *   <li>numbers: {@code AbstractJsonNumber.toString()}, i.e. {@code Integer}/{@code Long}/{@code Double.toString};
 *       a {@code double} that JSON cannot carry (NaN, infinities) comes out as {@code NaN} or {@code Infinity}, as
 *       ditto-json writes it; the mapper never produces one ({@code PropertyCheck} refuses non-finite numbers);</li>
 *   <li>which value becomes which JSON type: the order of tests in {@code TwinPatch}'s former {@code json(Object)}:
 *       {@code Integer}, {@code Long}, other {@code Number} (as its {@code doubleValue()}), {@code Boolean},
 *       {@code List} (an array, items by the same rules), anything else its {@code toString()} as a string.</li>
 * </ul>
 */
final class DittoJsonText {
    /** The replacement of each ASCII character that needs one, else {@code null} (JsonCharEscaper's table). */
    private static final String[] ESCAPES = escapes();

    private DittoJsonText() {
    }

    private static String[] escapes() {
        String[] table = new String[0x80];
        for (int c = 0; c < 0x20; c++) {
            table[c] = String.format("\\u%04X", c);
        }
        table['\b'] = "\\b";
        table['\f'] = "\\f";
        table['\n'] = "\\n";
        table['\r'] = "\\r";
        table['\t'] = "\\t";
        table['"'] = "\\\"";
        table['\\'] = "\\\\";
        return table;
    }

    /** {@code text} as a quoted JSON string. */
    static void appendString(StringBuilder out, String text) {
        out.append('"');
        int clean = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80 && ESCAPES[c] != null) {
                out.append(text, clean, i).append(ESCAPES[c]);
                clean = i + 1;
            }
        }
        out.append(text, clean, length).append('"');
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendString(out, text);
        return out.toString();
    }

    /** Whether {@link #appendValue} writes {@code value} as JSON {@code null}: a value whose text is {@code null}. */
    static boolean rendersAsNull(Object value) {
        return !(value instanceof Number || value instanceof Boolean || value instanceof List<?>)
                && value.toString() == null;
    }

    /** One property value; throws {@link NullPointerException} for a {@code null} list item, as ditto-json did. */
    static void appendValue(StringBuilder out, Object value) {
        if (value instanceof Integer i) {
            out.append(i.intValue());
        } else if (value instanceof Long l) {
            out.append(l.longValue());
        } else if (value instanceof Number n) {
            // StringBuilder.append(double) and Double.toString share FloatingDecimal: the same digits, NaN, Infinity
            out.append(n.doubleValue());
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof List<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                appendValue(out, item);
            }
            out.append(']');
        } else {
            String text = value.toString();
            if (text == null) {
                // JsonFactory.newValue((String) null) is JSON null
                out.append("null");
            } else {
                appendString(out, text);
            }
        }
    }
}
