package io.twinbridge.sandbox.ditto;

import java.net.http.HttpResponse;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import static io.twinbridge.sandbox.ditto.WsTestClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conditional requests over HTTP as in Ditto 3.9: ETags from {@code EntityTagBuilder}, {@code If-Match} and
 * {@code If-None-Match} from {@code ConditionalHeadersValidator}, {@code if-equal} from
 * {@code IfEqualPreconditionHeader}, errors from {@code ThingsConditionalHeadersValidatorProvider}
 * (doc: httpapi-concepts.md, "Conditional requests").
 */
@Tag("flow")
class ConditionalRequestsTest {

    private static final String THING = "/api/2/things/org.example:cond";

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults()
            .withThing(THING, "{\"attributes\":{\"a\":1,\"complex\":{\"x\":1}}}");

    private HttpResponse<String> call(final String method, final String path, final String body,
            final String... headers) throws Exception {
        return Http.call(ditto.get(), method, path, body,
                "PATCH".equals(method) ? "application/merge-patch+json" : "application/json", headers);
    }

    private static String eTag(final HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
    }

    private static String error(final HttpResponse<String> response) {
        return JsonFactory.newObject(response.body()).getValue("error").orElseThrow().asString();
    }

    @Test
    void eTagOfThingIsItsRevisionAndOfSubResourceAHash() throws Exception {
        // EntityTagBuilder: "rev:<revision>" for the thing, "hash:<hex hashCode>" for a sub-resource
        assertEquals("\"rev:1\"", eTag(call("GET", THING, "")));
        final String attribute = eTag(call("GET", THING + "/attributes/a", ""));
        assertTrue(attribute.matches("\"hash:[0-9a-f]+\""), attribute);
        assertEquals(attribute, eTag(call("GET", THING + "/attributes/a", "")), "stable while unchanged");
        assertTrue(eTag(call("GET", THING + "/attributes", "")).startsWith("\"hash:"));
        assertEquals("\"rev:1\"", eTag(call("GET", THING + "?fields=attributes", "")));
        // a write answers with the ETag of the resource after it (the strategies' nextEntityTag)
        assertEquals("\"rev:2\"", eTag(call("PATCH", THING, "{\"attributes\":{\"a\":2}}")));
        assertNotEquals(attribute, eTag(call("GET", THING + "/attributes/a", "")));
    }

    @Test
    void policiesHaveETagsOnGetToo() throws Exception {
        // RetrievePolicyStrategy / RetrievePolicyEntryStrategy: EntityTag.fromEntity of the policy or the part
        assertEquals("\"rev:1\"", eTag(call("GET", "/api/2/policies/org.example:cond", "")));
        assertTrue(eTag(call("GET", "/api/2/policies/org.example:cond/entries/DEFAULT", "")).startsWith("\"hash:"));
    }

    @Test
    void ifMatchGuardsWritesWithTheCurrentETag() throws Exception {
        final HttpResponse<String> stale = call("PUT", THING + "/attributes/a", "5", "If-Match", "\"rev:7\"");
        assertEquals(412, stale.statusCode());
        assertEquals("things:precondition.failed", error(stale));
        final String current = eTag(stale);
        assertEquals(eTag(call("GET", THING + "/attributes/a", "")), current, "a 412 carries the current ETag");
        assertEquals(204, call("PUT", THING + "/attributes/a", "5", "If-Match", current).statusCode());
        assertEquals(412, call("PATCH", THING, "{\"attributes\":{\"a\":6}}", "If-Match", "\"rev:1\"")
                .statusCode(), "the thing is at revision 2 now");
        assertEquals(204, call("PATCH", THING, "{\"attributes\":{\"a\":6}}", "If-Match", "\"rev:2\"")
                .statusCode());
    }

    @Test
    void ifMatchOnSubResourceComparesItsHash() throws Exception {
        final String tag = eTag(call("GET", THING + "/attributes/a", ""));
        assertEquals(412, call("PUT", THING + "/attributes/a", "6", "If-Match", "\"rev:1\"").statusCode());
        assertEquals(204, call("PUT", THING + "/attributes/a", "6", "If-Match", tag).statusCode());
        assertEquals(412, call("PUT", THING + "/attributes/a", "7", "If-Match", tag).statusCode(),
                "the old hash no longer matches");
        assertEquals(204, call("PUT", THING, "{\"attributes\":{}}", "If-Match", "\"rev:2\"").statusCode());
    }

    @Test
    void ifMatchStarNeedsAnExistingResource() throws Exception {
        final HttpResponse<String> missing = call("PUT", "/api/2/things/org.example:other", "{}", "If-Match", "*");
        assertEquals(412, missing.statusCode());
        assertEquals("things:precondition.failed", error(missing));
        assertEquals(404, call("GET", "/api/2/things/org.example:other", "").statusCode(), "nothing created");
        assertEquals(412, call("PUT", THING + "/attributes/missing", "1", "If-Match", "*").statusCode());
        assertEquals(204, call("PUT", THING + "/attributes/a", "1", "If-Match", "*").statusCode());
    }

    @Test
    void ifNoneMatchStarOnlyCreates() throws Exception {
        assertEquals(201, call("PUT", "/api/2/things/org.example:fresh", "{}", "If-None-Match", "*").statusCode());
        final HttpResponse<String> again = call("PUT", "/api/2/things/org.example:fresh", "{}", "If-None-Match", "*");
        assertEquals(412, again.statusCode());
        assertEquals("things:precondition.failed", error(again));
        assertEquals(201, call("PUT", THING + "/attributes/b", "1", "If-None-Match", "*").statusCode());
        assertEquals(412, call("PUT", THING + "/attributes/b", "2", "If-None-Match", "*").statusCode());
    }

    @Test
    void ifNoneMatchOnReadGives304WithTheETag() throws Exception {
        final HttpResponse<String> notModified = call("GET", THING, "", "If-None-Match", "\"rev:1\"");
        assertEquals(304, notModified.statusCode());
        assertEquals("\"rev:1\"", eTag(notModified));
        assertEquals(304, call("GET", THING, "", "If-None-Match", "*").statusCode());
        assertEquals(200, call("GET", THING, "", "If-None-Match", "\"rev:0\"").statusCode());
        final String tag = eTag(call("GET", THING + "/attributes", ""));
        assertEquals(304, call("GET", THING + "/attributes", "", "If-None-Match", tag).statusCode());
        // ConditionalHeadersValidator.skipPreconditionHeaderCheck: a query on a missing resource is not checked
        assertEquals(404, call("GET", THING + "/attributes/none", "", "If-Match", "*").statusCode());
    }

    @Test
    void ifMatchOnDeleteAndEnforcementComesFirst() throws Exception {
        assertEquals(412, call("DELETE", THING, "", "If-Match", "\"rev:9\"").statusCode());
        ditto.restart(SandboxOptions.defaults().withPort(0).withUser("other", "other"));
        assertEquals(201, call("PUT", THING, "{}").statusCode());
        final HttpResponse<String> hidden = Http.send(Http.request(ditto.get(), THING, "other")
                .header("If-Match", "\"rev:9\"").DELETE().build());
        assertEquals(404, hidden.statusCode(), "a subject that cannot read the thing learns nothing from a 412");
        assertEquals(204, call("DELETE", THING, "", "If-Match", "\"rev:1\"").statusCode());
    }

    @Test
    void preconditionsApplyToWebSocketCommandsToo() throws Exception {
        try (WsTestClient ws = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            ws.send("{\"topic\":\"org.example/cond/things/twin/commands/modify\",\"headers\":{"
                    + "\"correlation-id\":\"stale\",\"If-Match\":\"\\\"rev:9\\\"\"},"
                    + "\"path\":\"/attributes/a\",\"value\":3}");
            final JsonObject error = ws.awaitCorrelated("stale");
            assertError(error, 412, "things:precondition.failed");
            ws.send("{\"topic\":\"org.example/cond/things/twin/commands/modify\",\"headers\":{"
                    + "\"correlation-id\":\"fresh\",\"If-Match\":\"\\\"rev:1\\\"\"},"
                    + "\"path\":\"/\",\"value\":{\"attributes\":{\"a\":3}}}");
            assertEquals(204, ws.awaitCorrelated("fresh").getValue("status").orElseThrow().asInt());
        }
    }

    @Test
    void ifEqualSkipRefusesAChangeThatChangesNothing() throws Exception {
        // IfEqualPreconditionHeader: "skip" answers 412 when the new value equals the stored one
        final HttpResponse<String> same = call("PUT", THING + "/attributes/a", "1", "if-equal", "skip");
        assertEquals(412, same.statusCode());
        assertEquals("things:precondition.failed", error(same));
        assertTrue(JsonFactory.newObject(same.body()).getValue("message").orElseThrow().asString()
                .contains("'if-equal'"));
        assertEquals(204, call("PUT", THING + "/attributes/a", "2", "if-equal", "skip").statusCode());
        assertEquals(412, call("PATCH", THING, "{\"attributes\":{\"complex\":{\"x\":1}}}", "if-equal", "skip")
                .statusCode(), "a merge that changes nothing");
        assertEquals(204, call("PATCH", THING, "{\"attributes\":{\"complex\":{\"y\":1}}}", "if-equal", "skip")
                .statusCode());
        assertEquals(412, call("PUT", THING, "{\"thingId\":\"org.example:cond\",\"policyId\":\"org.example:cond\","
                + "\"attributes\":{\"a\":2,\"complex\":{\"x\":1,\"y\":1}}}", "if-equal", "skip").statusCode(),
                "the whole thing, unchanged");
        assertEquals(204, call("PUT", THING + "/attributes/a", "2", "if-equal", "update").statusCode(),
                "update (the default) always writes");
        assertEquals(400, call("PUT", THING + "/attributes/a", "2", "if-equal", "never").statusCode());
        final JsonObject thing = JsonFactory.newObject(call("GET", THING + "?fields=_revision", "").body());
        assertEquals(4, thing.getValue("_revision").orElseThrow().asInt(), "refused writes do not count");
    }
}
