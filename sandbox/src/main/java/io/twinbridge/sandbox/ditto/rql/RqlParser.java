package io.twinbridge.sandbox.ditto.rql;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the RQL grammar of Ditto 3.9.6 ({@code rql/parser}: {@code RqlParserBase.scala} and
 * {@code RqlPredicateParser.scala}, a parboiled2 PEG), rule for rule:
 * <pre>
 * PredicateRoot      = WhiteSpace Query EOI
 * Query              = SingleComparisonOp | MultiComparisonOp | MultiLogicalOp | SingleLogicalOp | ExistsOp | EmptyOp
 * SingleComparisonOp = ("eq"|"ne"|"gt"|"ge"|"lt"|"le"|"like"|"ilike") '(' Property ',' Literal ')'
 * MultiComparisonOp  = "in" '(' Property (',' Literal)+ ')'
 * MultiLogicalOp     = ("and"|"or") '(' Query (',' WhiteSpace Query)* ')'
 * SingleLogicalOp    = "not" '(' Query ')'
 * ExistsOp / EmptyOp = "exists" / "empty" '(' Property ')'
 * Literal            = (Double | Long | "string" | 'string' | "time:" Characters | true | false | null) WhiteSpace
 * Property           = Characters  (any char but , ) " \, or a backslash escape)
 * </pre>
 * Whitespace is allowed only where the grammar has it: at the start, after a literal and after the comma between
 * the queries of {@code and}/{@code or}. Numbers have no exponent; {@code -0} and leading zeros are refused.
 */
public final class RqlParser {

    private static final String WHITESPACE = " \n\r\t\f";

    private final String input;
    private int pos;

    private RqlParser(final String input) {
        this.input = input;
    }

    /** @throws RqlSyntaxException if {@code rql} does not follow the grammar */
    public static RqlNode parse(final String rql) {
        final RqlParser parser = new RqlParser(rql);
        parser.whiteSpace();
        final RqlNode node = parser.query();
        if (parser.pos != rql.length()) {
            throw parser.error("end of input");
        }
        return node;
    }

    private RqlNode query() {
        final int start = pos;
        while (pos < input.length() && input.charAt(pos) >= 'a' && input.charAt(pos) <= 'z') {
            pos++;
        }
        final String name = input.substring(start, pos);
        if (!next('(')) {
            pos = start;
            throw error("an RQL operator followed by '('");
        }
        switch (name) {
            case "eq": return single(RqlNode.Comparison.EQ);
            case "ne": return single(RqlNode.Comparison.NE);
            case "gt": return single(RqlNode.Comparison.GT);
            case "ge": return single(RqlNode.Comparison.GE);
            case "lt": return single(RqlNode.Comparison.LT);
            case "le": return single(RqlNode.Comparison.LE);
            case "like": return single(RqlNode.Comparison.LIKE);
            case "ilike": return single(RqlNode.Comparison.ILIKE);
            case "in": return in();
            case "and": return new RqlNode.And(queries());
            case "or": return new RqlNode.Or(queries());
            case "not": {
                final RqlNode child = query();
                expect(')');
                return new RqlNode.Not(child);
            }
            case "exists": {
                final String property = characters();
                expect(')');
                return new RqlNode.Exists(property);
            }
            case "empty": {
                final String property = characters();
                expect(')');
                return new RqlNode.Empty(property);
            }
            default:
                pos = start;
                throw error("one of eq, ne, gt, ge, lt, le, like, ilike, in, and, or, not, exists, empty");
        }
    }

    private RqlNode single(final RqlNode.Comparison type) {
        final String property = characters();
        expect(',');
        final Object value = literal();
        expect(')');
        return new RqlNode.Compare(type, property, value);
    }

    private RqlNode in() {
        final String property = characters();
        final List<Object> values = new ArrayList<>();
        expect(',');
        values.add(literal());
        while (next(',')) {
            values.add(literal());
        }
        expect(')');
        return new RqlNode.In(property, values);
    }

    private List<RqlNode> queries() {
        final List<RqlNode> children = new ArrayList<>();
        children.add(query());
        while (next(',')) {
            whiteSpace();
            children.add(query());
        }
        expect(')');
        return children;
    }

    private Object literal() {
        final Object value = literalValue();
        whiteSpace();
        return value;
    }

    private Object literalValue() {
        final int start = pos;
        final Object number = number();
        if (number != null) {
            return number;
        }
        pos = start;
        if (next('"')) {
            return quoted('"');
        }
        if (next('\'')) {
            return quoted('\'');
        }
        if (input.startsWith("time:", pos)) {
            pos += "time:".length();
            final String name = characters();
            // ParsedPlaceholder.of: "<prefix>:<name>" with a non-empty name
            if (name.isEmpty()) {
                throw error("a placeholder name");
            }
            return new RqlNode.Placeholder("time", name);
        }
        for (final String keyword : new String[]{"true", "false", "null"}) {
            if (input.startsWith(keyword, pos)) {
                pos += keyword.length();
                return "null".equals(keyword) ? null : Boolean.valueOf(keyword);
            }
        }
        throw error("a number, a string, a placeholder, true, false or null");
    }

    /** DoubleLiteral = Integer Frac; LongLiteral = !"-0" Integer; Integer = [+-]? (Digit19 Digits | Digit). */
    private Object number() {
        final int start = pos;
        if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
            pos++;
        }
        if (!digit()) {
            pos = start;
            return null;
        }
        if (input.charAt(pos - 1) != '0') {
            while (digit()) {
                // Digit19 Digits
            }
        }
        final int integerEnd = pos;
        if (next('.') && digit()) {
            while (digit()) {
                // Digits
            }
            return Double.valueOf(input.substring(start, pos));
        }
        pos = integerEnd;
        if (input.startsWith("-0", start)) {
            pos = start;
            return null;
        }
        try {
            return Long.valueOf(input.substring(start, pos));
        } catch (final NumberFormatException tooLarge) {
            throw error("a number within the range of a long");
        }
    }

    private boolean digit() {
        if (pos < input.length() && Character.isDigit(input.charAt(pos)) && input.charAt(pos) < 128) {
            pos++;
            return true;
        }
        return false;
    }

    private String quoted(final char quote) {
        final StringBuilder sb = new StringBuilder();
        while (pos < input.length() && input.charAt(pos) != quote) {
            final char c = input.charAt(pos);
            if (c == '\\') {
                pos++;
                if (!escaped(sb, quote)) {
                    throw error("an escape sequence");
                }
            } else {
                sb.append(c);
                pos++;
            }
        }
        expect(quote);
        return sb.toString();
    }

    /** Characters = (NormalChar | '\' EscapedChar)*, NormalChar = any char but , ) " \. */
    private String characters() {
        final StringBuilder sb = new StringBuilder();
        while (pos < input.length()) {
            final char c = input.charAt(pos);
            if (c == '\\') {
                final int backslash = pos;
                pos++;
                if (!escaped(sb, '"')) {
                    pos = backslash;
                    break;
                }
            } else if (c == ',' || c == ')' || c == '"') {
                break;
            } else {
                sb.append(c);
                pos++;
            }
        }
        return sb.toString();
    }

    /** EscapedChar: the quote, backslash or slash itself, b f n r t, or u and four hex digits. */
    private boolean escaped(final StringBuilder sb, final char quote) {
        if (pos >= input.length()) {
            return false;
        }
        final char c = input.charAt(pos);
        final String simple = "bfnrt";
        if (c == quote || c == '\\' || c == '/') {
            sb.append(c);
        } else if (simple.indexOf(c) >= 0) {
            sb.append("\b\f\n\r\t".charAt(simple.indexOf(c)));
        } else if (c == 'u' && pos + 5 <= input.length()
                && input.substring(pos + 1, pos + 5).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
            sb.append((char) Integer.parseInt(input.substring(pos + 1, pos + 5), 16));
            pos += 4;
        } else {
            return false;
        }
        pos++;
        return true;
    }

    private void whiteSpace() {
        while (pos < input.length() && WHITESPACE.indexOf(input.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private boolean next(final char c) {
        if (pos < input.length() && input.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(final char c) {
        if (!next(c)) {
            throw error("'" + c + "'");
        }
    }

    private RqlSyntaxException error(final String expected) {
        final String found = pos < input.length() ? "'" + input.charAt(pos) + "'" : "end of input";
        return new RqlSyntaxException("Invalid input " + found + ", expected " + expected + " (line 1, column "
                + (pos + 1) + "):\n" + input);
    }
}
