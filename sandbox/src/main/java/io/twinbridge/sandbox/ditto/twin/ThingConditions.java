package io.twinbridge.sandbox.ditto.twin;

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
 */
public final class ThingConditions {

    private static final QueryFilterCriteriaFactory CRITERIA =
            QueryFilterCriteriaFactory.modelBased(RqlPredicateParser.getInstance());

    private ThingConditions() {
    }

    /**
     * @throws org.eclipse.ditto.base.model.exceptions.DittoRuntimeException Ditto's error for an invalid RQL
     *         expression
     */
    public static Predicate<JsonObject> parse(final String rql, final DittoHeaders headers) {
        final Predicate<Thing> onThing = ThingPredicateVisitor.apply(CRITERIA.filterCriteria(rql, headers));
        return json -> onThing.test(ThingsModelFactory.newThing(json));
    }
}
