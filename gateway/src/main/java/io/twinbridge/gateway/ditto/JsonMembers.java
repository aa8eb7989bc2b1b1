package io.twinbridge.gateway.ditto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The top-level members of a JSON object's text, read without building anything: each key (decoded) and where its
 * value's text lies. Nested values are only checked to be JSON and skipped.
 *
 * <p>Why: ditto-json 2.4.0 renders every object it builds back to text at once ({@code SoftReferencedFieldMap}'s
 * constructor), so reading one field of a message or a thing by parsing it costs a tree and a rendering of every
 * level. The gateway reads answers ({@link ProtocolAnswerText}) and pre-rendered things ({@link PreRenderedJsonObject})
 * this way when it needs a field or two of them.
 *
 * <p>The reading is strict: text that is not one JSON object, a nesting deeper than {@value #MAX_DEPTH}, or a
 * malformed string or number gives {@link Optional#empty()}, and the caller parses the text with ditto-json as
 * before. Repeated keys are all listed, in order; as ditto-json's parser keeps the last, {@link #last} finds that one.
 */
final class JsonMembers {
    static final int MAX_DEPTH = 256;

    /** A member: its decoded key, and its value's text as {@code text.substring(start, end)}. */
    record Member(String key, int start, int end) {
    }

    private JsonMembers() {
    }

    /** The members of the JSON object that is all of {@code text} (whitespace around it allowed). */
    static Optional<List<Member>> of(String text) {
        return of(text, 0, text.length());
    }

    /** The members of the JSON object that is all of {@code text.substring(start, end)}. */
    static Optional<List<Member>> of(String text, int start, int end) {
        try {
            return Optional.of(new Reader(text, start, end).object());
        } catch (Malformed e) {
            return Optional.empty();
        }
    }

    /** The last member named {@code key}: the one ditto-json's parser keeps. */
    static Optional<Member> last(List<Member> members, String key) {
        for (int i = members.size() - 1; i >= 0; i--) {
            if (members.get(i).key().equals(key)) {
                return Optional.of(members.get(i));
            }
        }
        return Optional.empty();
    }

    /** The decoded string, if the member's value is a JSON string. */
    static Optional<String> string(String text, Member member) {
        if (text.charAt(member.start()) != '"') {
            return Optional.empty();
        }
        try {
            return Optional.of(new Reader(text, member.start(), member.end()).string());
        } catch (Malformed e) {
            return Optional.empty();
        }
    }

    /** Thrown inside the reader only: the text is not what this class reads. */
    private static final class Malformed extends Exception {
        private static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super(null, null, false, false);
        }
    }

    private static final class Reader {
        private final String text;
        private final int end;
        private int pos;

        Reader(String text, int start, int end) {
            this.text = text;
            this.pos = start;
            this.end = end;
        }

        List<Member> object() throws Malformed {
            List<Member> members = new ArrayList<>(8);
            skipWhitespace();
            expect('{');
            boolean more = !closedAtOnce('}');
            while (more) {
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                int valueStart = pos;
                skipValue(1);
                members.add(new Member(key, valueStart, pos));
                more = another('}');
            }
            skipWhitespace();
            if (pos != end) {
                throw Malformed.INSTANCE;
            }
            return members;
        }

        private void skipValue(int depth) throws Malformed {
            if (depth > MAX_DEPTH) {
                throw Malformed.INSTANCE;
            }
            switch (peek()) {
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
            if (!text.startsWith(word, pos) || pos + word.length() > end) {
                throw Malformed.INSTANCE;
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
            if (pos < end && text.charAt(pos) == '.') {
                pos++;
                digits();
            }
            if (pos < end && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                digits();
            }
        }

        private void digits() throws Malformed {
            int start = pos;
            while (pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start) {
                throw Malformed.INSTANCE;
            }
        }

        /** A string, decoded; one without escapes costs one substring. */
        String string() throws Malformed {
            int start = pos + 1;
            boolean escaped = skipString();
            return escaped ? unescape(start, pos - 1) : text.substring(start, pos - 1);
        }

        /** Skips a string; true if it has escapes. */
        private boolean skipString() throws Malformed {
            expect('"');
            boolean escaped = false;
            while (true) {
                if (pos >= end) {
                    throw Malformed.INSTANCE;
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return escaped;
                }
                if (c < 0x20) {
                    throw Malformed.INSTANCE;
                }
                if (c == '\\') {
                    escaped = true;
                    if (pos >= end) {
                        throw Malformed.INSTANCE;
                    }
                    char e = text.charAt(pos++);
                    if (e == 'u') {
                        hex4(pos);
                        pos += 4;
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw Malformed.INSTANCE;
                    }
                }
            }
        }

        private String unescape(int start, int stop) throws Malformed {
            StringBuilder out = new StringBuilder(stop - start);
            for (int i = start; i < stop; i++) {
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
            if (at + 4 > end) {
                throw Malformed.INSTANCE;
            }
            int value = 0;
            for (int i = at; i < at + 4; i++) {
                int digit = Character.digit(text.charAt(i), 16);
                if (digit < 0) {
                    throw Malformed.INSTANCE;
                }
                value = value * 16 + digit;
            }
            return value;
        }

        private void skipWhitespace() {
            while (pos < end) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private char peek() throws Malformed {
            if (pos >= end) {
                throw Malformed.INSTANCE;
            }
            return text.charAt(pos);
        }

        private void expect(char c) throws Malformed {
            if (peek() != c) {
                throw Malformed.INSTANCE;
            }
            pos++;
        }
    }
}
