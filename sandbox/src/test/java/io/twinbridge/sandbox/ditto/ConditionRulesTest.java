package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code condition} header as Ditto 3.9's ThingCommandEnforcement.authorizeByPolicyOrThrow checks it: the caller
 * needs READ on every field the condition names (else 412 {@code things:condition.failed}, before its 403), and an
 * unparsable condition is 400 {@code things:condition.invalid} (tryParseRqlCondition). {@code reader} may read all
 * but the feature {@code secret} and write nothing.
 */
@Tag("flow")
class ConditionRulesTest {

    private static final String POLICY = """
            {"entries":{
              "OWNER":{"subjects":{"nginx:ditto":{"type":"test"}},
                       "resources":{"thing:/":{"grant":["READ","WRITE"],"revoke":[]},
                                    "policy:/":{"grant":["READ","WRITE"],"revoke":[]}}},
              "READER":{"subjects":{"nginx:reader":{"type":"test"}},
                        "resources":{"thing:/":{"grant":["READ"],"revoke":[]},
                                     "thing:/features/secret":{"grant":[],"revoke":["READ"]}}}}}""";
    private static final String PUMP = "/api/2/things/org.example:pump";

    private DittoSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0)
                .withUser("ditto", "ditto").withUser("reader", "reader"));
        assertEquals(201, Http.send(Http.request(sandbox, "/api/2/policies/org.example:plant", "ditto")
                .PUT(HttpRequest.BodyPublishers.ofString(POLICY)).build()).statusCode());
        assertEquals(201, Http.send(Http.request(sandbox, PUMP, "ditto")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"policyId":"org.example:plant","attributes":{"site":"north"},
                         "features":{"secret":{"properties":{"pin":1234}}}}"""))
                .build()).statusCode());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private HttpResponse<String> get(final String user, final String condition) throws Exception {
        return Http.send(Http.request(sandbox, PUMP + "/attributes", user).header("condition", condition).GET()
                .build());
    }

    private static String error(final HttpResponse<String> response) {
        final JsonObject body = JsonFactory.newObject(response.body());
        return body.getValue("error").orElseThrow().asString();
    }

    @Test
    void conditionOnAFieldTheCallerMayNotReadIs412EvenWhenItHolds() throws Exception {
        final HttpResponse<String> hidden = get("reader", "eq(features/secret/properties/pin,1234)");
        assertEquals(412, hidden.statusCode(), hidden.body());
        assertEquals("things:condition.failed", error(hidden));

        assertEquals(200, get("reader", "eq(attributes/site,\"north\")").statusCode());
        assertEquals(200, get("ditto", "eq(features/secret/properties/pin,1234)").statusCode());
    }

    @Test
    void unreadableConditionComesBeforeTheMissingWritePermission() throws Exception {
        final HttpResponse<String> write = Http.send(Http.request(sandbox, PUMP + "/attributes/site", "reader")
                .header("condition", "exists(features/secret)")
                .PUT(HttpRequest.BodyPublishers.ofString("\"south\"")).build());
        assertEquals(412, write.statusCode(), write.body());
        assertEquals("things:condition.failed", error(write));

        final HttpResponse<String> readable = Http.send(Http.request(sandbox, PUMP + "/attributes/site", "reader")
                .header("condition", "exists(attributes/site)")
                .PUT(HttpRequest.BodyPublishers.ofString("\"south\"")).build());
        assertEquals(403, readable.statusCode(), readable.body());
    }

    @Test
    void unparsableConditionIsConditionInvalid() throws Exception {
        final HttpResponse<String> invalid = get("ditto", "eq(attributes/site");
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertEquals("things:condition.invalid", error(invalid));
    }
}
