package io.twinbridge.sandbox.ditto.rql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.rql.parser.RqlPredicateParser;
import org.eclipse.ditto.rql.query.filter.QueryFilterCriteriaFactory;
import org.eclipse.ditto.rql.query.things.ThingPredicateVisitor;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;

import io.twinbridge.sandbox.ditto.twin.ThingConditions;

/**
 * Random things and random RQL, evaluated by the sandbox's RQL and by Ditto 2.4.0's own parser and
 * {@code ThingPredicateVisitor} (on the test classpath); every answer must agree. Restricted to what 2.4.0 and
 * 3.9.6 define alike (see the diff of {@code rql/query} between the tags): operators eq, ne, gt, ge, lt, le, in,
 * like, exists, and, or, not; things without arrays (3.9.6 flattens them, 2.4.0 does not); like patterns with
 * letters that no number, boolean or null renders (2.4.0 matches strings only).
 */
class RqlDitto24ComparisonTest {

    private static final String[] ATTRIBUTES = {"a0", "a1", "a2", "a3"};
    private static final String[] FEATURES = {"F0", "F1"};
    private static final String[] PROPERTIES = {"p0", "p1", "p2"};
    private static final String LETTERS = "HXYZhxyz";
    private static final QueryFilterCriteriaFactory DITTO_24 =
            QueryFilterCriteriaFactory.modelBased(RqlPredicateParser.getInstance());

    @Test
    void agreesWithDitto240OnRandomThingsAndPredicates() {
        final Random random = new Random(4711);
        int holding = 0;
        for (int i = 0; i < 3000; i++) {
            final JsonObject thing = thing(random);
            final String rql = query(random, 3);
            final Thing model = ThingsModelFactory.newThing(thing);
            final Predicate<Thing> theirs = ThingPredicateVisitor.apply(DITTO_24.filterCriteria(rql,
                    DittoHeaders.empty()));
            final boolean expected = theirs.test(model);
            final boolean actual = ThingConditions.parse(rql, DittoHeaders.empty()).test(thing);
            assertEquals(expected, actual, () -> rql + " on " + thing);
            holding += expected ? 1 : 0;
        }
        // the comparison means something only if both answers occur often
        final int total = 3000;
        final int held = holding;
        org.junit.jupiter.api.Assertions.assertTrue(held > total / 10 && held < total * 9 / 10,
                () -> held + " of " + total + " held");
    }

    private static JsonObject thing(final Random random) {
        final JsonObjectBuilder attributes = JsonFactory.newObjectBuilder();
        for (final String name : ATTRIBUTES) {
            if (random.nextInt(4) > 0) {
                attributes.set(name, value(random));
            }
        }
        final JsonObjectBuilder features = JsonFactory.newObjectBuilder();
        for (final String feature : FEATURES) {
            if (random.nextInt(3) > 0) {
                final JsonObjectBuilder properties = JsonFactory.newObjectBuilder();
                for (final String property : PROPERTIES) {
                    if (random.nextInt(3) > 0) {
                        properties.set(property, value(random));
                    }
                }
                features.set(feature, random.nextInt(5) == 0 ? JsonObject.empty()
                        : JsonFactory.newObjectBuilder().set("properties", properties.build()).build());
            }
        }
        final JsonObjectBuilder thing = JsonFactory.newObjectBuilder().set("thingId", "org.example:t" + random.nextInt(3))
                .set("attributes", attributes.build()).set("features", features.build());
        if (random.nextBoolean()) {
            thing.set("policyId", "org.example:p");
        }
        return thing.build();
    }

    private static JsonValue value(final Random random) {
        switch (random.nextInt(8)) {
            case 0: return JsonValue.of(random.nextInt(7) - 3);
            case 1: return JsonValue.of(3_000_000_000L + random.nextInt(3));
            case 2: return JsonValue.of((random.nextInt(7) - 3) / 2.0);
            case 3: return JsonValue.of(word(random));
            case 4: return JsonValue.of(String.valueOf(random.nextInt(5) - 2));
            case 5: return JsonValue.of(random.nextBoolean());
            case 6: return JsonValue.nullLiteral();
            default: return JsonValue.of(word(random) + word(random));
        }
    }

    private static String word(final Random random) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(2); i++) {
            sb.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return sb.toString();
    }

    private static String literal(final Random random) {
        switch (random.nextInt(7)) {
            case 0: return String.valueOf(random.nextInt(7) - 3);
            case 1: return String.valueOf(3_000_000_000L + random.nextInt(3));
            case 2: return String.valueOf((random.nextInt(7) - 3) / 2.0);
            case 3: return "\"" + word(random) + "\"";
            case 4: return "\"" + (random.nextInt(5) - 2) + "\"";
            case 5: return random.nextBoolean() ? "true" : "false";
            default: return "null";
        }
    }

    /** No null in "in": Ditto's compare throws a NullPointerException on it (both versions). */
    private static String inValue(final Random random) {
        final String literal = literal(random);
        return "null".equals(literal) ? "0" : literal;
    }

    private static String field(final Random random) {
        switch (random.nextInt(4)) {
            case 0:
            case 1: return "attributes/" + ATTRIBUTES[random.nextInt(ATTRIBUTES.length)];
            case 2: return "features/" + FEATURES[random.nextInt(FEATURES.length)] + "/properties/"
                    + PROPERTIES[random.nextInt(PROPERTIES.length)];
            default: return random.nextBoolean() ? "thingId" : "policyId";
        }
    }

    private static String existsField(final Random random) {
        final String feature = FEATURES[random.nextInt(FEATURES.length)];
        return List.of(field(random), "features/" + feature, "features/" + feature + "/properties")
                .get(random.nextInt(3));
    }

    private static String likePattern(final Random random) {
        final String[] shapes = {"%s*", "*%s", "*%s*", "%s", "?%s", "%s?"};
        return "\"" + String.format(shapes[random.nextInt(shapes.length)], word(random)) + "\"";
    }

    private static String query(final Random random, final int depth) {
        final int kind = random.nextInt(depth > 0 ? 11 : 8);
        switch (kind) {
            case 0: case 1: case 2: case 3: case 4: case 5: {
                final String op = List.of("eq", "ne", "gt", "ge", "lt", "le").get(kind);
                return op + "(" + field(random) + "," + literal(random) + ")";
            }
            case 6:
                return random.nextBoolean() ? "in(" + field(random) + "," + inValue(random) + "," + inValue(random) + ")"
                        : "like(" + field(random) + "," + likePattern(random) + ")";
            case 7:
                return "exists(" + existsField(random) + ")";
            case 8:
                return "not(" + query(random, depth - 1) + ")";
            default:
                return (kind == 9 ? "and(" : "or(") + query(random, depth - 1) + "," + query(random, depth - 1) + ")";
        }
    }
}
