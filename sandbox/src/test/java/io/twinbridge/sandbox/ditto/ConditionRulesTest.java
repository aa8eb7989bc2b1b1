package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * The {@code condition} header as Ditto 3.9's ThingCommandEnforcement.authorizeByPolicyOrThrow checks it: the caller
 * needs READ on every field the condition names (else 412 {@code things:condition.failed}, before its 403), and an
 * unparsable condition is 400 {@code things:condition.invalid} (tryParseRqlCondition). {@code reader} may read all
 * but the feature {@code secret} and write nothing.
 */
@Tag("flow")
class ConditionRulesTest {
    private static final String PUMP = PlantPolicy.PUMP;

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.with(SandboxOptions.defaults()
            .withUser("ditto", "ditto").withUser("reader", "reader"));

    @BeforeEach
    void start() throws Exception {
        PlantPolicy.createWithPump(ditto.get(), """
                {"secret":{"properties":{"pin":1234}}}""");
    }

    private HttpResponse<String> get(final String user, final String condition) throws Exception {
        return Http.send(Http.request(ditto.get(), PUMP + "/attributes", user).header("condition", condition).GET()
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
        final HttpResponse<String> write = Http.send(Http.request(ditto.get(), PUMP + "/attributes/site", "reader")
                .header("condition", "exists(features/secret)")
                .PUT(HttpRequest.BodyPublishers.ofString("\"south\"")).build());
        assertEquals(412, write.statusCode(), write.body());
        assertEquals("things:condition.failed", error(write));

        final HttpResponse<String> readable = Http.send(Http.request(ditto.get(), PUMP + "/attributes/site", "reader")
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
