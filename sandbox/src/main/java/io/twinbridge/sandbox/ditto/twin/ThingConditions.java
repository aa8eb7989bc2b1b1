package io.twinbridge.sandbox.ditto.twin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.ditto.base.model.exceptions.InvalidRqlExpressionException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonPointerInvalidException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingConditionInvalidException;

import io.twinbridge.sandbox.ditto.rql.RqlInvalidException;
import io.twinbridge.sandbox.ditto.rql.RqlNode;
import io.twinbridge.sandbox.ditto.rql.RqlParser;
import io.twinbridge.sandbox.ditto.rql.RqlPredicates;
import io.twinbridge.sandbox.ditto.rql.RqlSyntaxException;
import io.twinbridge.sandbox.ditto.rql.RqlTarget;

/**
 * RQL predicates on things ({@code condition} header, event {@code filter}, search {@code filter}) with the sandbox's
 * own RQL ({@code io.twinbridge.sandbox.ditto.rql}: Ditto 3.9.6's grammar and {@code ThingPredicateVisitor}
 * semantics, evaluated on the stored JSON). Parsed predicates are kept in small LRU caches by text.
 */
public final class ThingConditions {

    private static final int CACHED = 1024;
    private static final Map<String, Filter> FILTERS = lru();
    private static final Map<String, Condition> CONDITIONS = lru();

    private ThingConditions() {
    }

    /**
     * A filter (search, event streams) on a thing given as JSON. Anything invalid is 400
     * {@code rql.expression.invalid}, as Ditto's {@code QueryFilterCriteriaFactory} answers.
     *
     * @throws org.eclipse.ditto.base.model.exceptions.DittoRuntimeException Ditto's error for an invalid RQL
     *         expression
     */
    public static Predicate<JsonObject> parse(final String rql, final DittoHeaders headers) {
        Filter filter = cached(FILTERS, rql);
        if (filter == null) {
            try {
                filter = new Filter(RqlPredicates.compile(RqlParser.parse(rql)));
            } catch (final RqlSyntaxException | RqlInvalidException invalid) {
                throw InvalidRqlExpressionException.newBuilder().message(invalid.getMessage())
                        .dittoHeaders(headers).build();
            }
            cache(FILTERS, rql, filter);
        }
        return filter;
    }

    /**
     * A {@code condition} header: its predicate and the fields it reads. As Ditto 3.9's
     * {@code ThingCommandEnforcement.tryParseRqlCondition}, an unparsable condition, or a field that is no JSON
     * pointer ({@code tryGetResourceKey}), is 400 {@code things:condition.invalid}
     * ({@code ThingConditionInvalidException}). A field the RQL does not know is found later, when the condition is
     * evaluated ({@code ThingConditionValidator}), as 400 {@code rql.expression.invalid}.
     */
    public static Condition condition(final String rql, final DittoHeaders headers) {
        Condition condition = cached(CONDITIONS, rql);
        if (condition == null) {
            final RqlNode root;
            try {
                root = RqlParser.parse(rql);
            } catch (final RqlSyntaxException invalid) {
                throw ThingConditionInvalidException.newBuilder(rql, invalid.getMessage()).dittoHeaders(headers)
                        .build();
            }
            final Set<String> fields = new LinkedHashSet<>();
            collectFields(root, fields);
            final List<JsonPointer> pointers = new ArrayList<>();
            for (final String field : fields) {
                try {
                    pointers.add(JsonPointer.of(field));
                } catch (final JsonPointerInvalidException invalid) {
                    throw ThingConditionInvalidException.newBuilder(field, invalid.getDescription().orElse(""))
                            .dittoHeaders(headers).build();
                }
            }
            Function<DittoHeaders, Predicate<RqlTarget>> predicate;
            try {
                final Predicate<RqlTarget> compiled = RqlPredicates.compile(root);
                predicate = h -> compiled;
            } catch (final RqlInvalidException invalid) {
                predicate = h -> {
                    throw InvalidRqlExpressionException.newBuilder().message(invalid.getMessage()).dittoHeaders(h)
                            .build();
                };
            }
            condition = new Condition(predicate, Set.copyOf(fields), List.copyOf(pointers));
            cache(CONDITIONS, rql, condition);
        }
        return condition;
    }

    /**
     * A parsed condition; {@code fields} are the RQL fields it names (as Ditto's FieldNamesPredicateVisitor), and
     * {@code pointers} the same as JSON pointers (the thing resources whose READ permission the caller needs).
     */
    public record Condition(Function<DittoHeaders, Predicate<RqlTarget>> predicate, Set<String> fields,
            List<JsonPointer> pointers) {

        /** @throws InvalidRqlExpressionException if the condition names a field that Ditto's RQL does not know */
        public boolean test(final RqlTarget thing, final DittoHeaders headers) {
            return predicate.apply(headers).test(thing);
        }
    }

    private record Filter(Predicate<RqlTarget> predicate) implements Predicate<JsonObject> {
        @Override
        public boolean test(final JsonObject json) {
            return predicate.test(RqlTarget.of(json));
        }
    }

    private static void collectFields(final RqlNode node, final Set<String> fields) {
        if (node instanceof RqlNode.And and) {
            and.children().forEach(child -> collectFields(child, fields));
        } else if (node instanceof RqlNode.Or or) {
            or.children().forEach(child -> collectFields(child, fields));
        } else if (node instanceof RqlNode.Not not) {
            collectFields(not.child(), fields);
        } else if (node instanceof RqlNode.Compare compare) {
            fields.add(compare.property());
        } else if (node instanceof RqlNode.In in) {
            fields.add(in.property());
        } else if (node instanceof RqlNode.Exists exists) {
            fields.add(exists.property());
        } else if (node instanceof RqlNode.Empty empty) {
            fields.add(empty.property());
        }
    }

    private static <T> Map<String, T> lru() {
        return new LinkedHashMap<>(CACHED, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, T> eldest) {
                return size() > CACHED;
            }
        };
    }

    private static <T> T cached(final Map<String, T> cache, final String rql) {
        synchronized (cache) {
            return cache.get(rql);
        }
    }

    private static <T> void cache(final Map<String, T> cache, final String rql, final T value) {
        synchronized (cache) {
            cache.put(rql, value);
        }
    }
}
