package io.twinbridge.sandbox.ditto.twin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.rql.model.ParserException;
import org.eclipse.ditto.rql.model.predicates.PredicateParser;
import org.eclipse.ditto.rql.model.predicates.ast.ExistsNode;
import org.eclipse.ditto.rql.model.predicates.ast.MultiComparisonNode;
import org.eclipse.ditto.rql.model.predicates.ast.Node;
import org.eclipse.ditto.rql.model.predicates.ast.RootNode;
import org.eclipse.ditto.rql.model.predicates.ast.SingleComparisonNode;
import org.eclipse.ditto.rql.model.predicates.ast.SuperNode;
import org.eclipse.ditto.rql.parser.RqlPredicateParser;
import org.eclipse.ditto.rql.query.filter.QueryFilterCriteriaFactory;
import org.eclipse.ditto.rql.query.things.ThingPredicateVisitor;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingConditionInvalidException;

/**
 * RQL predicates on things ({@code condition} header, event {@code filter}), with Ditto's own RQL libraries.
 * Parsed predicates are kept in a small LRU cache: event filters and repeated conditions are parsed once.
 */
public final class ThingConditions {

    private static final QueryFilterCriteriaFactory CRITERIA =
            QueryFilterCriteriaFactory.modelBased(RqlPredicateParser.getInstance());
    private static final int CACHED = 1024;
    private static final Map<String, Predicate<Thing>> PARSED = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Predicate<Thing>> eldest) {
            return size() > CACHED;
        }
    };

    private static final Map<String, Condition> CONDITIONS = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Condition> eldest) {
            return size() > CACHED;
        }
    };

    private ThingConditions() {
    }

    /**
     * @throws org.eclipse.ditto.base.model.exceptions.DittoRuntimeException Ditto's error for an invalid RQL
     *         expression
     */
    public static Predicate<JsonObject> parse(final String rql, final DittoHeaders headers) {
        final Predicate<Thing> onThing = parseOnThing(rql, headers);
        return json -> onThing.test(ThingsModelFactory.newThing(json));
    }

    /**
     * A {@code condition} header: its predicate and the fields it reads. As Ditto 3.9's
     * {@code ThingCommandEnforcement.tryParseRqlCondition}, an unparsable condition is 400
     * {@code things:condition.invalid} ({@code ThingConditionInvalidException}).
     */
    public static Condition condition(final String rql, final DittoHeaders headers) {
        synchronized (CONDITIONS) {
            final Condition cached = CONDITIONS.get(rql);
            if (cached != null) {
                return cached;
            }
        }
        final RootNode[] root = new RootNode[1];
        final PredicateParser capturing = input -> {
            try {
                root[0] = RqlPredicateParser.getInstance().parse(input);
                return root[0];
            } catch (final ParserException invalid) {
                throw ThingConditionInvalidException.newBuilder(rql, invalid.getMessage()).dittoHeaders(headers)
                        .build();
            }
        };
        final Predicate<Thing> predicate = ThingPredicateVisitor.apply(
                QueryFilterCriteriaFactory.modelBased(capturing).filterCriteria(rql, headers));
        final Set<String> fields = new LinkedHashSet<>();
        collectFields(root[0], fields);
        final Condition parsed = new Condition(predicate, Set.copyOf(fields));
        synchronized (CONDITIONS) {
            CONDITIONS.put(rql, parsed);
        }
        return parsed;
    }

    /** A parsed condition; {@code fields} are the RQL fields it names (as Ditto's FieldNamesPredicateVisitor). */
    public record Condition(Predicate<Thing> predicate, Set<String> fields) {
    }

    private static void collectFields(final Node node, final Set<String> fields) {
        if (node instanceof SuperNode parent) {
            parent.getChildren().forEach(child -> collectFields(child, fields));
        } else if (node instanceof SingleComparisonNode single) {
            fields.add(single.getComparisonProperty());
        } else if (node instanceof MultiComparisonNode multi) {
            fields.add(multi.getComparisonProperty());
        } else if (node instanceof ExistsNode exists) {
            fields.add(exists.getProperty());
        }
    }

    /** The predicate on Ditto's thing model, for a caller that holds the thing as a model already. */
    public static Predicate<Thing> parseOnThing(final String rql, final DittoHeaders headers) {
        synchronized (PARSED) {
            final Predicate<Thing> cached = PARSED.get(rql);
            if (cached != null) {
                return cached;
            }
        }
        final Predicate<Thing> parsed = ThingPredicateVisitor.apply(CRITERIA.filterCriteria(rql, headers));
        synchronized (PARSED) {
            PARSED.put(rql, parsed);
        }
        return parsed;
    }
}
