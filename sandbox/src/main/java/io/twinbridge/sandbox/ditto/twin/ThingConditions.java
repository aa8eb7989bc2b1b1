package io.twinbridge.sandbox.ditto.twin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.rql.parser.RqlPredicateParser;
import org.eclipse.ditto.rql.query.filter.QueryFilterCriteriaFactory;
import org.eclipse.ditto.rql.query.things.ThingPredicateVisitor;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;

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
