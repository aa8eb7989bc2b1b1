package io.twinbridge.sandbox.ditto.rql;

import java.util.List;

/**
 * The syntax tree of an RQL predicate, as Ditto 3.9.6's {@code rql/model} nodes ({@code LogicalNode},
 * {@code SingleComparisonNode}, {@code MultiComparisonNode}, {@code ExistsNode}, {@code EmptyNode}). {@code property}
 * is the field exactly as written (Ditto's {@code FieldNamesPredicateVisitor} reports it so). A value is a
 * {@link Long}, {@link Double}, {@link String}, {@link Boolean}, {@code null} or a {@link Placeholder}.
 */
public sealed interface RqlNode {

    /** Ditto's {@code SingleComparisonNode.Type}. */
    enum Comparison { EQ, NE, GT, GE, LT, LE, LIKE, ILIKE }

    record And(List<RqlNode> children) implements RqlNode {
    }

    record Or(List<RqlNode> children) implements RqlNode {
    }

    record Not(RqlNode child) implements RqlNode {
    }

    record Compare(Comparison type, String property, Object value) implements RqlNode {
    }

    record In(String property, List<Object> values) implements RqlNode {
    }

    record Exists(String property) implements RqlNode {
    }

    record Empty(String property) implements RqlNode {
    }

    /** A value placeholder such as {@code time:now} (Ditto's {@code ParsedPlaceholder}: prefix and name). */
    record Placeholder(String prefix, String name) {
    }
}
