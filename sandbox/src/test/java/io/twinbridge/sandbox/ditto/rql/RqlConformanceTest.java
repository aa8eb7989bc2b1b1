package io.twinbridge.sandbox.ditto.rql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

import io.twinbridge.sandbox.ditto.twin.ThingConditions;

/**
 * The sandbox's RQL against Ditto 3.9.6, rule by rule; each test names its source in Ditto 3.9.6 (paths below
 * {@code rql/}, {@code placeholders/}, {@code base/model/}, or the doc page {@code basic-rql.md}).
 */
class RqlConformanceTest {

    private static final JsonObject THING = JsonFactory.newObject("""
            {"thingId":"org.example:pump","policyId":"org.example:plant",
             "attributes":{"s":"Hello","n":5,"d":2.5,"big":5000000000,"b":true,"z":null,"num":"42",
                           "arr":[1,2,3],"objs":[{"k":"a"},{"k":"b"}],"blank":"","ea":[],"eo":{}},
             "features":{"F":{"properties":{"ts":100,"tags":["x","y"]},"definition":["a:b:1"]},"G":{}}}""");
    private static final Instant MODIFIED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123Z");

    /** The stored thing with revision 7, as a condition sees it (ThingConditionValidator: thing.toJson(p -> true)). */
    private static final RqlTarget TARGET = new RqlTarget() {
        @Override
        public JsonObject json() {
            return THING;
        }

        @Override
        public Optional<JsonValue> special(final String name) {
            switch (name) {
                case "_revision": return Optional.of(JsonValue.of(7));
                case "_modified": return Optional.of(JsonValue.of(MODIFIED.toString()));
                case "_created": return Optional.of(JsonValue.of(MODIFIED.toString()));
                case "_namespace": return Optional.of(JsonValue.of("org.example"));
                default: return Optional.empty();
            }
        }

        @Override
        public Instant now() {
            return NOW;
        }
    };

    private static boolean holds(final String rql) {
        return ThingConditions.condition(rql, DittoHeaders.empty()).test(TARGET, DittoHeaders.empty());
    }

    private static String errorOf(final Runnable action) {
        return assertThrows(DittoRuntimeException.class, action::run).getErrorCode();
    }

    // --- grammar: rql/parser RqlParserBase.scala, RqlPredicateParser.scala ---

    @Test
    void grammarAcceptsWhitespaceOnlyWhereRqlParserBaseHasIt() {
        assertTrue(holds("  and(eq(attributes/n,5 ),\n eq(attributes/s,\"Hello\"\t))"));
        for (final String invalid : new String[]{"eq(attributes/n,5) ", "eq (attributes/n,5)",
                "eq(attributes/n, 5)", "and(eq(attributes/n,5) ,eq(attributes/n,5))", "in(attributes/n, 5)"}) {
            assertEquals("things:condition.invalid", errorOf(() -> holds(invalid)), invalid);
        }
    }

    @Test
    void grammarNumbersAreLongOrDoubleWithoutExponentMinusZeroOrLeadingZeros() {
        assertTrue(holds("eq(attributes/n,+5)"));
        assertTrue(holds("eq(attributes/d,2.50)"));
        assertTrue(holds("gt(attributes/n,-0.5)"));
        for (final String invalid : new String[]{"eq(attributes/n,-0)", "eq(attributes/n,05)",
                "eq(attributes/n,5e0)", "eq(attributes/n,5.)", "eq(attributes/n,.5)",
                "eq(attributes/n,99999999999999999999)"}) {
            assertEquals("things:condition.invalid", errorOf(() -> holds(invalid)), invalid);
        }
    }

    @Test
    void grammarStringsInDoubleOrSingleQuotesWithEscapes() {
        assertTrue(holds("eq(attributes/s,'Hello')"));
        assertTrue(holds("eq(attributes/s,\"\\u0048ello\")"));
        assertTrue(holds("eq(attributes/s,'H\\'ello')") == false);
        assertEquals("things:condition.invalid", errorOf(() -> holds("eq(attributes/s,\"Hello)")));
        assertEquals("things:condition.invalid", errorOf(() -> holds("eq(attributes/s,\"a\\x\")")));
        assertEquals("things:condition.invalid", errorOf(() -> holds("eq(attributes/s,Hello)")));
    }

    @Test
    void grammarLogicalOperatorsNeedOneQueryAndNotExactlyOne() {
        assertEquals("things:condition.invalid", errorOf(() -> holds("and()")));
        assertEquals("things:condition.invalid", errorOf(() -> holds("not(eq(attributes/n,5),eq(attributes/n,5))")));
        assertTrue(holds("and(eq(attributes/n,5))"));
        assertTrue(holds("or(eq(attributes/n,4),eq(attributes/n,5),eq(attributes/n,6))"));
        assertFalse(holds("not(eq(attributes/n,5))"));
        assertEquals("things:condition.invalid", errorOf(() -> holds("foo(attributes/n,5)")));
    }

    @Test
    void propertyMayHaveLeadingSlashBasicRqlMd() {
        assertTrue(holds("eq(/attributes/n,5)"));
    }

    // --- comparisons: rql/query things/ThingPredicatePredicateVisitor (compare, asNumber, mapJsonValueToJava) ---

    @Test
    void eqComparesNumbersAsBigDecimalAcrossIntLongAndDouble() {
        assertTrue(holds("eq(attributes/n,5.0)"));
        assertTrue(holds("eq(attributes/big,5000000000)"));
        assertTrue(holds("eq(attributes/d,2.5)"));
        assertFalse(holds("eq(attributes/n,6)"));
    }

    @Test
    void eqBestEffortStringToNumberAndStringFormFallback() {
        assertTrue(holds("eq(attributes/n,\"5\")"), "a numeric string compared to a number field");
        assertTrue(holds("eq(attributes/num,42)"), "a number compared to a numeric string field");
        assertTrue(holds("eq(attributes/b,\"true\")"), "other types compare by their string form");
        assertTrue(holds("eq(attributes/b,true)"));
    }

    @Test
    void eqNullMatchesJsonNullOnlyAndNeIsItsNegationIncludingMissingFields() {
        assertTrue(holds("eq(attributes/z,null)"));
        assertFalse(holds("eq(attributes/missing,null)"));
        assertFalse(holds("eq(attributes/n,null)"));
        assertTrue(holds("ne(attributes/missing,5)"), "ne holds for a missing field");
        assertFalse(holds("ne(attributes/n,5)"));
        assertTrue(holds("ne(attributes/n,4)"));
    }

    @Test
    void orderingOperatorsGtGeLtLe() {
        assertTrue(holds("gt(attributes/n,4)"));
        assertFalse(holds("gt(attributes/n,5)"));
        assertTrue(holds("ge(attributes/n,5)"));
        assertTrue(holds("lt(attributes/d,3)"));
        assertFalse(holds("lt(attributes/d,2.5)"));
        assertTrue(holds("le(attributes/d,2.5)"));
        assertFalse(holds("gt(attributes/z,1)"), "a JSON null is not Comparable");
        assertFalse(holds("lt(attributes/missing,1)"));
        assertTrue(holds("gt(attributes/s,\"Aaaaa\")"), "strings compare lexically");
    }

    @Test
    void inMatchesAnyValue() {
        assertTrue(holds("in(attributes/n,1,5,9)"));
        assertTrue(holds("in(attributes/s,\"x\",\"Hello\")"));
        assertFalse(holds("in(attributes/n,1,2)"));
    }

    @Test
    void arraysMatchWhenAnyElementMatchesAndObjectsInArraysAreFlattened() {
        // mapJsonValueToJava recurses into arrays; ImmutableJsonObject.getValueFlatteningArrays
        assertTrue(holds("eq(attributes/arr,2)"));
        assertTrue(holds("gt(attributes/arr,2)"));
        assertFalse(holds("gt(attributes/arr,3)"));
        assertTrue(holds("eq(attributes/objs/k,\"b\")"));
        assertTrue(holds("eq(features/F/properties/tags,\"y\")"));
        assertFalse(holds("eq(attributes/eo,1)"), "objects are not compared");
    }

    // --- like / ilike: base/model common/LikeHelper, ThingPredicatePredicateVisitor.visitLike/visitILike ---

    @Test
    void likeWildcards() {
        assertTrue(holds("like(attributes/s,\"Hel*\")"));
        assertTrue(holds("like(attributes/s,\"*llo\")"));
        assertTrue(holds("like(attributes/s,\"*ell*\")"));
        assertTrue(holds("like(attributes/s,\"H?llo\")"));
        assertFalse(holds("like(attributes/s,\"hello\")"));
        assertFalse(holds("like(attributes/s,\"H.llo\")"), "regex characters are literal");
        assertTrue(holds("like(attributes/n,\"5\")"), "3.9.6 matches the string form of numbers");
        assertTrue(holds("like(attributes/s,\"**\")"));
    }

    @Test
    void ilikeIgnoresCase() {
        assertTrue(holds("ilike(attributes/s,\"hELLO\")"));
        assertTrue(holds("ilike(attributes/s,\"*LL?\")"));
        assertFalse(holds("ilike(attributes/s,\"bye\")"));
    }

    @Test
    void likeWithANonStringValueIsAnInvalidExpression() {
        // CriteriaFactoryImpl.like: IllegalArgumentException -> QueryFilterCriteriaFactory: rql.expression.invalid
        assertEquals("rql.expression.invalid", errorOf(() -> holds("like(attributes/n,5)")));
        assertEquals("rql.expression.invalid", errorOf(() -> holds("ilike(attributes/n,null)")));
    }

    // --- exists: things/ExistsThingPredicateVisitor ---

    @Test
    void existsOnAttributesFeaturesPropertiesAndSimpleFields() {
        assertTrue(holds("exists(attributes/z)"), "an attribute with null exists");
        assertFalse(holds("exists(attributes/missing)"));
        assertTrue(holds("exists(attributes/objs/k)"));
        assertTrue(holds("exists(features/F)"));
        assertTrue(holds("exists(features/G)"));
        assertFalse(holds("exists(features/H)"));
        assertTrue(holds("exists(features/F/properties)"));
        assertFalse(holds("exists(features/G/properties)"));
        assertTrue(holds("exists(features/F/definition)"));
        assertTrue(holds("exists(features/F/properties/ts)"));
        assertFalse(holds("exists(features/F/properties/missing)"));
        assertTrue(holds("exists(thingId)"));
        assertFalse(holds("exists(definition)"));
        assertFalse(holds("exists(_revision)"), "visitSimple looks at thing.toJson(), without hidden fields");
    }

    // --- empty: things/EmptyThingPredicateVisitor, basic-rql.md "empty" ---

    @Test
    void emptyIsAbsentNullEmptyStringArrayOrObject() {
        assertTrue(holds("empty(attributes/missing)"));
        assertTrue(holds("empty(attributes/z)"));
        assertTrue(holds("empty(attributes/blank)"));
        assertTrue(holds("empty(attributes/ea)"));
        assertTrue(holds("empty(attributes/eo)"));
        assertFalse(holds("empty(attributes/n)"));
        assertFalse(holds("empty(attributes/s)"));
        assertFalse(holds("empty(attributes/arr)"));
        assertTrue(holds("empty(features/G)"), "a feature without definition and properties");
        assertFalse(holds("empty(features/F)"));
        assertTrue(holds("empty(features/H)"));
        assertTrue(holds("empty(features/G/properties)"));
        assertFalse(holds("empty(features/F/properties/ts)"));
        assertFalse(holds("empty(thingId)"));
        assertTrue(holds("empty(_revision)"), "visitSimple: hidden fields are not in thing.toJson()");
    }

    // --- fields: rql/query expression/ThingsFieldExpressionFactoryImpl, things/ModelBasedThingsFieldExpressionFactory

    @Test
    void specialFieldsRevisionModifiedCreatedNamespace() {
        assertTrue(holds("eq(_revision,7)"));
        assertTrue(holds("lt(_revision,8)"));
        assertTrue(holds("eq(_modified,\"2026-01-01T00:00:00Z\")"));
        assertTrue(holds("gt(_modified,\"2025-12-31T23:59:59Z\")"));
        assertTrue(holds("eq(_created,\"2026-01-01T00:00:00Z\")"));
        assertTrue(holds("eq(_namespace,\"org.example\")"));
        assertTrue(holds("eq(thingId,\"org.example:pump\")"));
        assertTrue(holds("eq(policyId,\"org.example:plant\")"));
        assertTrue(holds("eq(features/F/definition,\"a:b:1\")"));
    }

    @Test
    void unknownFieldsAreAnInvalidExpressionWhenEvaluated() {
        for (final String unknown : new String[]{"eq(foo,1)", "eq(features/F,1)", "eq(features/F/properties,1)",
                "eq(attributes,1)", "exists(features)", "eq(_policy,1)"}) {
            assertEquals("rql.expression.invalid", errorOf(() -> holds(unknown)), unknown);
        }
    }

    // --- placeholders: placeholders/ImmutableTimePlaceholder, things ThingConditionValidator (TIME_PLACEHOLDER) ---

    @Test
    void timeNowIsTheIsoInstantAndNowEpochMillisItsMillis() {
        assertTrue(holds("lt(_modified,time:now)"));
        assertTrue(holds("gt(_modified,time:now-365d)"));
        assertFalse(holds("gt(_modified,time:now-1h)"));
        assertTrue(holds("lt(features/F/properties/ts,time:now_epoch_millis)"));
        assertEquals(NOW.toString(), TimePlaceholder.resolve("now", NOW));
        assertEquals(String.valueOf(NOW.toEpochMilli()), TimePlaceholder.resolve("now_epoch_millis", NOW));
        assertEquals("2026-06-01T11:00:00.123Z", TimePlaceholder.resolve("now-1h", NOW));
        assertEquals("2026-06-01T12:00:00Z", TimePlaceholder.resolve("now[h]", NOW));
        assertEquals("2026-06-01T12:05:00Z", TimePlaceholder.resolve("now+5m[m]", NOW));
    }

    @Test
    void anUnsupportedTimePlaceholderResolvesToNull() {
        // ThingPredicatePredicateVisitor.resolveValue: no resolver supports it -> null, which eq matches to null
        assertTrue(holds("eq(attributes/z,time:tomorrow)"));
        assertFalse(holds("eq(attributes/n,time:tomorrow)"));
        assertEquals("things:condition.invalid", errorOf(() -> holds("eq(attributes/n,time:)")));
        assertEquals("things:condition.invalid", errorOf(() -> holds("eq(attributes/n,header:x)")));
    }

    // --- error codes of the other callers: search and event filters (QueryFilterCriteriaFactory) ---

    @Test
    void filtersAnswerRqlExpressionInvalidForSyntaxAndFieldErrors() {
        assertEquals("rql.expression.invalid", errorOf(() -> ThingConditions.parse("eq(", DittoHeaders.empty())));
        assertEquals("rql.expression.invalid",
                errorOf(() -> ThingConditions.parse("eq(foo,1)", DittoHeaders.empty())));
        assertTrue(ThingConditions.parse("exists(_revision)", DittoHeaders.empty())
                .test(THING.setValue("_revision", 3)), "a filter sees the special fields its JSON has");
    }

    @Test
    void conditionFieldsAreTheNamedPropertiesAsPointers() {
        final ThingConditions.Condition condition = ThingConditions.condition(
                "and(exists(features/F/properties/ts),or(eq(attributes/n,1),empty(/attributes/s)))",
                DittoHeaders.empty());
        assertEquals(3, condition.pointers().size());
        assertTrue(condition.fields().contains("/attributes/s"));
        assertEquals("things:condition.invalid",
                errorOf(() -> ThingConditions.condition("eq(attributes//a,1)", DittoHeaders.empty())));
    }
}
