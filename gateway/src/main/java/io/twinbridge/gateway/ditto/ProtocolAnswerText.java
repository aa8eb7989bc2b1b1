package io.twinbridge.gateway.ditto;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The top level of a Ditto Protocol message, read from its text without building it: the {@code correlation-id}
 * header, the {@code status} and where the {@code value} lies. Everything else is only checked to be JSON and skipped.
 *
 * <p>Why: ditto-client turns every incoming message into an {@code Adaptable} before it looks for the waiting request,
 * and ditto-json 2.4.0 renders each object it builds back to text at once ({@code SoftReferencedFieldMap}'s
 * constructor). In a JFR profile of {@code bench ingest} that parse was 70 % of ditto-client's reading thread, most of
 * it for answers ingest reads only the status of (a merge's 204, a create's 201 with the whole new thing).
 *
 * <p>The reading is strict: text that is not one JSON object, a nesting deeper than {@value #MAX_DEPTH}, a status
 * that is not an integer, or a malformed escape give {@link Optional#empty()}, and the caller reads the message with
 * ditto-json as before. As ditto-json's parser does, the last of repeated keys counts.
 */
final class ProtocolAnswerText {
    static final int MAX_DEPTH = 256;
    private static final String HEADERS = "headers";
    private static final String STATUS = "status";
    private static final String VALUE = "value";
    private static final String CORRELATION_ID = "correlation-id";

    private final String text;
    private final String correlationId;
    private final Integer status;
    private final int valueStart;
    private final int valueEnd;

    private ProtocolAnswerText(String text, String correlationId, Integer status, int valueStart, int valueEnd) {
        this.text = text;
        this.correlationId = correlationId;
        this.status = status;
        this.valueStart = valueStart;
        this.valueEnd = valueEnd;
    }

    /** The message's top level, or empty if the text is not a JSON object this class reads (see above). */
    static Optional<ProtocolAnswerText> read(String text) {
        try {
            return Optional.of(new Reader(text).message());
        } catch (Malformed e) {
            return Optional.empty();
        }
    }

    /** The {@code correlation-id} of the message's {@code headers}, if it has one as a string. */
    Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /** The top-level {@code status}, if there is one. */
    OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** As {@code DittoResponses.isSuccess}: the status is 2xx, or absent (200). */
    boolean isSuccess() {
        int code = status == null ? 200 : status;
        return code >= 200 && code < 300;
    }

    /** The {@code value}'s JSON text as it stands in the message, if there is a value. */
    Optional<String> valueText() {
        return valueStart < 0 ? Optional.empty() : Optional.of(text.substring(valueStart, valueEnd));
    }

    /** Thrown inside the reader only: the text is not what this class reads. */
    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    private static final class Reader {
        private static final Malformed MALFORMED = new Malformed();
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        ProtocolAnswerText message() throws Malformed {
            String correlationId = null;
            Integer status = null;
            int valueStart = -1;
            int valueEnd = -1;
            skipWhitespace();
            expect('{');
            boolean more = !closedAtOnce('}');
            while (more) {
                String key = key();
                int start = pos;
                switch (key) {
                    case HEADERS -> {
                        if (peek() == '{') {
                            correlationId = correlationIdOfHeaders();
                        } else {
                            skipValue(1);
                            correlationId = null;
                        }
                    }
                    case STATUS -> status = integer();
                    case VALUE -> {
                        skipValue(1);
                        valueStart = start;
                        valueEnd = pos;
                    }
                    default -> skipValue(1);
                }
                more = another('}');
            }
            skipWhitespace();
            if (pos != text.length()) {
                throw MALFORMED;
            }
            return new ProtocolAnswerText(text, correlationId, status, valueStart, valueEnd);
        }

        /** The headers object, its {@code correlation-id} string (the last one), if any. */
        private String correlationIdOfHeaders() throws Malformed {
            String found = null;
            expect('{');
            boolean more = !closedAtOnce('}');
            while (more) {
                boolean isId = CORRELATION_ID.equals(key());
                if (isId && peek() == '"') {
                    found = string();
                } else {
                    // the last of repeated ids counts, also when it is not a string
                    found = isId ? null : found;
                    skipValue(2);
                }
                more = another('}');
            }
            return found;
        }

        /** A member's key and its colon, and the space before its value. */
        private String key() throws Malformed {
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            return key;
        }

        /** A top-level integer, as Ditto's status is; anything else (a fraction, a string) is not read here. */
        private int integer() throws Malformed {
            int start = pos;
            skipNumber();
            try {
                return Integer.parseInt(text, start, pos, 10);
            } catch (NumberFormatException notAnInt) {
                throw MALFORMED;
            }
        }

        private void skipValue(int depth) throws Malformed {
            if (depth > MAX_DEPTH) {
                throw MALFORMED;
            }
            char c = peek();
            switch (c) {
                case '{' -> skipContainer('}', depth, true);
                case '[' -> skipContainer(']', depth, false);
                case '"' -> skipString();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> skipNumber();
            }
        }

        private void skipContainer(char close, int depth, boolean object) throws Malformed {
            pos++;
            boolean more = !closedAtOnce(close);
            while (more) {
                if (object) {
                    skipString();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                }
                skipValue(depth + 1);
                more = another(close);
            }
        }

        /** Right after an opening bracket: true (and past it) if {@code close} follows at once. */
        private boolean closedAtOnce(char close) throws Malformed {
            skipWhitespace();
            if (peek() == close) {
                pos++;
                return true;
            }
            return false;
        }

        /** After a member or an element: true if a comma says another follows, false past {@code close}. */
        private boolean another(char close) throws Malformed {
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                skipWhitespace();
                return true;
            }
            expect(close);
            return false;
        }

        private void literal(String word) throws Malformed {
            if (!text.startsWith(word, pos)) {
                throw MALFORMED;
            }
            pos += word.length();
        }

        /** JSON's number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
        private void skipNumber() throws Malformed {
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else {
                digits();
            }
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                digits();
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                digits();
            }
        }

        private void digits() throws Malformed {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start) {
                throw MALFORMED;
            }
        }

        /** A string, decoded; a string without escapes costs one substring. */
        private String string() throws Malformed {
            int start = pos + 1;
            boolean escaped = skipString();
            return escaped ? unescape(start, pos - 1) : text.substring(start, pos - 1);
        }

        /** Skips a string; true if it has escapes. */
        private boolean skipString() throws Malformed {
            expect('"');
            boolean escaped = false;
            while (true) {
                if (pos >= text.length()) {
                    throw MALFORMED;
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return escaped;
                }
                if (c < 0x20) {
                    throw MALFORMED;
                }
                if (c == '\\') {
                    escaped = true;
                    if (pos >= text.length()) {
                        throw MALFORMED;
                    }
                    char e = text.charAt(pos++);
                    if (e == 'u') {
                        hex4(pos);
                        pos += 4;
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw MALFORMED;
                    }
                }
            }
        }

        private String unescape(int start, int end) throws Malformed {
            StringBuilder out = new StringBuilder(end - start);
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(++i);
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) hex4(i + 1));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
            return out.toString();
        }

        private int hex4(int at) throws Malformed {
            if (at + 4 > text.length()) {
                throw MALFORMED;
            }
            int value = 0;
            for (int i = at; i < at + 4; i++) {
                int digit = Character.digit(text.charAt(i), 16);
                if (digit < 0) {
                    throw MALFORMED;
                }
                value = value * 16 + digit;
            }
            return value;
        }

        private void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private char peek() throws Malformed {
            if (pos >= text.length()) {
                throw MALFORMED;
            }
            return text.charAt(pos);
        }

        private void expect(char c) throws Malformed {
            if (peek() != c) {
                throw MALFORMED;
            }
            pos++;
        }
    }
}
