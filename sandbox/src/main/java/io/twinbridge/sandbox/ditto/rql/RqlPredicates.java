package io.twinbridge.sandbox.ditto.rql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * Compiles an {@link RqlNode} into a predicate on an {@link RqlTarget} with the semantics of Ditto 3.9.6's
 * {@code ThingPredicateVisitor}: {@code FilterThingPredicateVisitor} and {@code ThingPredicatePredicateVisitor} for
 * the comparisons, {@code ExistsThingPredicateVisitor} for {@code exists}, {@code EmptyThingPredicateVisitor} for
 * {@code empty}, {@code not} as {@code visitNor}. Fields are classified and pointers split once, at compile time.
 */
public final class RqlPredicates {

    private RqlPredicates() {
    }

    /** @throws RqlInvalidException for an unknown property or a {@code like} value that is no string */
    public static Predicate<RqlTarget> compile(final RqlNode node) {
        return compile(node, Set.of());
    }

    /**
     * As {@link #compile(RqlNode)}, with the placeholder fields {@code placeholders} ({@code prefix:name}) accepted
     * as fields and resolved by {@link RqlTarget#placeholder(String, String)}, as Ditto 3.9.6's
     * {@code QueryFilterCriteriaFactory.modelBased(parser, placeholders)} and {@code ThingPredicateVisitor.apply(
     * criteria, resolvers)} do for event filters ({@code StreamingSessionActor.parseCriteria},
     * {@code StreamingSession}).
     *
     * @throws RqlInvalidException for an unknown property or a {@code like} value that is no string
     */
    public static Predicate<RqlTarget> compile(final RqlNode node, final Set<String> placeholders) {
        if (node instanceof RqlNode.And and) {
            final List<Predicate<RqlTarget>> children = compileAll(and.children(), placeholders);
            return target -> {
                for (final Predicate<RqlTarget> child : children) {
                    if (!child.test(target)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (node instanceof RqlNode.Or or) {
            final List<Predicate<RqlTarget>> children = compileAll(or.children(), placeholders);
            return target -> {
                for (final Predicate<RqlTarget> child : children) {
                    if (child.test(target)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (node instanceof RqlNode.Not not) {
            return compile(not.child(), placeholders).negate();
        }
        if (node instanceof RqlNode.Compare compare) {
            return compare(compare, placeholders);
        }
        if (node instanceof RqlNode.In in) {
            final FieldValues field = new FieldValues(RqlField.filter(in.property(), placeholders));
            final List<Object> values = in.values();
            return target -> {
                final List<Object> resolved = new ArrayList<>(values.size());
                values.forEach(v -> resolved.add(resolve(v, target)));
                return field.anyMatch(target, obj -> obj instanceof Comparable && resolved.stream()
                        // a null among the values: Ditto's compare would throw; it matches nothing here
                        .anyMatch(v -> v != null && RqlValues.compare(v, obj) == 0));
            };
        }
        if (node instanceof RqlNode.Exists exists) {
            return FieldPresence.exists(RqlField.exists(exists.property(), placeholders));
        }
        if (node instanceof RqlNode.Empty empty) {
            return FieldPresence.empty(RqlField.exists(empty.property(), placeholders));
        }
        throw new IllegalStateException("unknown RQL node " + node);
    }

    private static List<Predicate<RqlTarget>> compileAll(final List<RqlNode> nodes, final Set<String> placeholders) {
        final List<Predicate<RqlTarget>> compiled = new ArrayList<>(nodes.size());
        nodes.forEach(n -> compiled.add(compile(n, placeholders)));
        return List.copyOf(compiled);
    }

    private static Predicate<RqlTarget> compare(final RqlNode.Compare node, final Set<String> placeholders) {
        final Object value = node.value();
        if (node.type() == RqlNode.Comparison.LIKE || node.type() == RqlNode.Comparison.ILIKE) {
            // CriteriaFactoryImpl.like/ilike
            if (!(value instanceof String)) {
                throw new RqlInvalidException("In the " + node.type().name().toLowerCase()
                        + " predicate only string values are allowed.");
            }
            final FieldValues field = new FieldValues(RqlField.filter(node.property(), placeholders));
            final Pattern pattern = RqlValues.likePattern((String) value, node.type() == RqlNode.Comparison.ILIKE);
            return target -> field.anyMatch(target, obj -> pattern.matcher(String.valueOf(obj)).matches());
        }
        final FieldValues field = new FieldValues(RqlField.filter(node.property(), placeholders));
        switch (node.type()) {
            case EQ:
                return target -> field.anyMatch(target, equalTo(resolve(value, target)));
            case NE:
                return target -> !field.anyMatch(target, equalTo(resolve(value, target)));
            case GT:
                return ordered(field, value, c -> c > 0);
            case GE:
                return ordered(field, value, c -> c >= 0);
            case LT:
                return ordered(field, value, c -> c < 0);
            case LE:
                return ordered(field, value, c -> c <= 0);
            default:
                throw new IllegalStateException("unknown comparison " + node.type());
        }
    }

    /** visitEq: null matches a JSON null; otherwise two Comparables that compare as 0. */
    private static Predicate<Object> equalTo(final Object resolved) {
        return obj -> (obj == RqlValues.NULL_LITERAL && resolved == null)
                || (obj instanceof Comparable && resolved instanceof Comparable && RqlValues.compare(resolved, obj) == 0);
    }

    private static Predicate<RqlTarget> ordered(final FieldValues field, final Object value,
            final java.util.function.IntPredicate sign) {
        return target -> {
            final Object resolved = resolve(value, target);
            return resolved instanceof Comparable
                    && field.anyMatch(target, obj -> obj instanceof Comparable && sign.test(RqlValues.compare(resolved, obj)));
        };
    }

    /**
     * ThingPredicatePredicateVisitor.resolveValue: the first value of the placeholder (ThingConditionValidator and
     * StreamingSession both give a TimePlaceholder resolver), null if it has none.
     */
    private static Object resolve(final Object value, final RqlTarget target) {
        if (value instanceof RqlNode.Placeholder placeholder) {
            final List<String> values = target.placeholder(placeholder.prefix(), placeholder.name());
            return values.isEmpty() ? null : values.get(0);
        }
        return value;
    }

    /** getThingField: the field's value in the thing with its special fields, flattening arrays. */
    private static final class FieldValues {
        private final JsonLookup lookup;
        private final String root;
        private final JsonKey rootKey;
        /** prefix and name of a placeholder field, else null. */
        private final String[] placeholder;

        FieldValues(final RqlField field) {
            this.lookup = JsonLookup.of(field.path());
            this.placeholder = field.kind() == RqlField.Kind.PLACEHOLDER ? field.path().split(":", 2) : null;
            this.root = lookup.root();
            this.rootKey = JsonKey.of(root);
        }

        boolean anyMatch(final RqlTarget target, final Predicate<Object> test) {
            final Optional<JsonValue> value = value(target);
            if (value.isEmpty()) {
                return false;
            }
            for (final Object obj : RqlValues.toJava(value.get())) {
                if (test.test(obj)) {
                    return true;
                }
            }
            return false;
        }

        private Optional<JsonValue> value(final RqlTarget target) {
            final JsonObject json = target.json();
            if (placeholder != null) {
                // getThingField: first the thing (a key such as "topic:action"), then the placeholder resolvers
                final Optional<JsonValue> inThing = lookup.getFlatteningArrays(json);
                if (inThing.isPresent()) {
                    return inThing;
                }
                final List<String> values = target.placeholder(placeholder[0], placeholder[1]);
                return values.isEmpty() ? Optional.empty() : Optional.of(JsonValue.of(values.get(0)));
            }
            if (!root.isEmpty() && root.charAt(0) == '_' && !json.contains(rootKey)) {
                final Optional<JsonValue> special = target.special(root);
                return special.isPresent() ? lookup.getFlatteningArrays(json, special.get()) : Optional.empty();
            }
            return lookup.getFlatteningArrays(json);
        }
    }
}
