package io.twinbridge.sandbox.ditto;

import java.net.http.HttpResponse;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request rules of Ditto 3.9's HTTP API that sit in its gateway routes; each test names its Ditto source. */
@Tag("flow")
class HttpRequestRulesTest {

    private static final String THING = "/api/2/things/org.example:rules";

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults().withThing(THING, "{\"attributes\":{\"complex\":"
            + "{\"a\":1,\"b\":2,\"c\":3}},\"features\":{\"f1\":{\"properties\":{\"p\":1,\"q\":1}},"
            + "\"f2\":{\"properties\":{\"p\":2}}}}");

    private HttpResponse<String> call(final String method, final String path, final String body,
            final String contentType, final String... headers) throws Exception {
        return Http.call(ditto.get(), method, path, body, contentType, headers);
    }

    private static String error(final HttpResponse<String> response) {
        return JsonFactory.newObject(response.body()).getValue("error").orElseThrow().asString();
    }

    @Test
    void postCreatesAThingWithAGeneratedIdInTheNamespace() throws Exception {
        // ThingsRoute.buildPostThingsRoute / createThingForPost; UriForLocationHeaderSupplier for Location
        final HttpResponse<String> created = call("POST", "/api/2/things?namespace=org.posted",
                "{\"attributes\":{\"x\":1}}", "application/json");
        assertEquals(201, created.statusCode());
        final String thingId = JsonFactory.newObject(created.body()).getValue("thingId").orElseThrow().asString();
        assertTrue(thingId.matches("org\\.posted:[0-9a-f-]{36}"), thingId);
        assertEquals(ditto.get().httpUrl() + "/api/2/things/" + thingId,
                created.headers().firstValue("Location").orElseThrow());
        assertEquals(200, call("GET", "/api/2/things/" + thingId, "", null).statusCode());

        final HttpResponse<String> noNamespace = call("POST", "/api/2/things", "{}", "application/json");
        assertEquals(201, noNamespace.statusCode());
        assertTrue(JsonFactory.newObject(noNamespace.body()).getValue("thingId").orElseThrow().asString()
                .matches(":[0-9a-f-]{36}"), "ThingId.generateRandom: the default namespace is empty");

        final HttpResponse<String> withId = call("POST", "/api/2/things", "{\"thingId\":\"a:b\"}",
                "application/json");
        assertEquals(400, withId.statusCode());
        assertEquals("things:id.notsettable", error(withId));
    }

    @Test
    void aThingIdInTheBodyMustBeThatOfThePath() throws Exception {
        // ThingJsonObjectCreator.forPut / forPatch
        final HttpResponse<String> put = call("PUT", THING, "{\"thingId\":\"org.example:other\"}",
                "application/json");
        assertEquals(400, put.statusCode());
        assertEquals("things:id.notsettable", error(put));
        assertEquals(400, call("PATCH", THING, "{\"thingId\":\"org.example:other\"}",
                "application/merge-patch+json").statusCode());
        assertEquals("things:id.notdeletable", error(call("PATCH", THING, "{\"thingId\":null}",
                "application/merge-patch+json")));
        assertEquals("things:policyId.notdeletable", error(call("PATCH", THING, "{\"policyId\":null}",
                "application/merge-patch+json")));
        assertEquals(204, call("PUT", THING, "{\"thingId\":\"org.example:rules\"}", "application/json")
                .statusCode());
    }

    @Test
    void consecutiveSlashesAreAnInvalidPointer() throws Exception {
        // ImmutableJsonPointer.ofParsed: JsonPointerInvalidException.newBuilderForConsecutiveSlashes
        final HttpResponse<String> response = call("GET", THING + "/attributes//complex", "", null);
        assertEquals(400, response.statusCode());
        assertEquals("json.pointer.invalid", error(response));
        assertEquals(400, call("PUT", THING + "/features/f1/properties//p", "1", "application/json").statusCode());
    }

    @Test
    void contentTypeIsCheckedOnPutAsOnPatch() throws Exception {
        // ContentTypeValidationDirective.ensureValidContentType with AbstractRoute.mediaTypeJsonWithFallbacks
        final HttpResponse<String> text = call("PUT", THING + "/attributes/x", "1", "text/plain");
        assertEquals(415, text.statusCode());
        assertEquals("mediatype.unsupported", error(text));
        assertEquals(201, call("PUT", THING + "/attributes/x", "1", "application/json; charset=UTF-8").statusCode());
        assertEquals(204, call("PUT", THING + "/attributes/x", "2", "application/octet-stream").statusCode(),
                "the default additional accepted media type");
        assertEquals(415, call("POST", "/api/2/things", "{}", "text/plain").statusCode());
        assertEquals(415, call("PATCH", THING + "/attributes/x", "3", "application/json").statusCode());
        assertEquals(415, call("PATCH", THING + "/attributes/x", "3", null).statusCode());
    }

    @Test
    void fieldSelectorsWithParenthesesAndFeatureWildcards() throws Exception {
        // JsonFieldSelector syntax; ThingsModelFactory.expandFeatureIdWildcards (httpapi-concepts.md)
        final JsonObject complex = JsonFactory.newObject(call("GET", THING + "?fields=attributes/complex(a,b)", "",
                null).body());
        assertEquals(JsonFactory.newObject("{\"attributes\":{\"complex\":{\"a\":1,\"b\":2}}}"), complex);
        final JsonObject wildcard = JsonFactory.newObject(call("GET", THING + "?fields=features/*/properties/p",
                "", null).body());
        assertEquals(JsonFactory.newObject("{\"features\":{\"f1\":{\"properties\":{\"p\":1}},"
                + "\"f2\":{\"properties\":{\"p\":2}}}}"), wildcard);
        final JsonObject listed = JsonFactory.newArray(call("GET", "/api/2/things?ids=org.example:rules"
                + "&fields=thingId,features/*/properties/p", "", null).body()).get(0).orElseThrow().asObject();
        assertEquals(2, listed.getValue("features/f2/properties/p").orElseThrow().asInt());
    }

    @Test
    void timeoutZeroAndNoResponseRequiredGive202() throws Exception {
        // AbstractCommandAckRequestSetter (timeout=0 means response-required=false), then
        // AbstractHttpRequestActor.completeWithResult answers 202; basic-acknowledgements.md "HTTP"
        final HttpResponse<String> zero = call("PUT", THING + "/attributes/y", "1", "application/json",
                "timeout", "0");
        assertEquals(202, zero.statusCode());
        assertEquals("", zero.body());
        assertEquals(202, call("PUT", THING + "/attributes/y?response-required=false", "2", "application/json")
                .statusCode());
        assertEquals(202, call("DELETE", THING + "/attributes/y", "", null, "response-required", "false")
                .statusCode());
        assertEquals(404, call("GET", THING + "/attributes/y", "", null).statusCode(), "the commands were applied");
        assertEquals(404, call("DELETE", THING + "/attributes/y", "", null, "response-required", "false")
                .statusCode(), "errors are still sent");
    }

    @Test
    void timeoutIsValidatedAgainstItsLimits() throws Exception {
        // AbstractRoute.validateCommandTimeout against gateway.conf command.max-timeout = 1m
        final HttpResponse<String> tooLong = call("GET", THING + "?timeout=61s", "", null);
        assertEquals(400, tooLong.statusCode());
        assertEquals("gateway:timeout.invalid", error(tooLong));
        assertEquals(200, call("GET", THING, "", null, "timeout", "60s").statusCode());
        assertEquals("timeout.invalid", error(call("GET", THING, "", null, "timeout", "soon")),
                "TimeoutValueValidator");
    }

    @Test
    void headerCombinationsDittoRefuses() throws Exception {
        // AcknowledgementAggregatorActorStarter.isTimeoutHeaderInvalid: timeout 0 with a response or acks requested
        final HttpResponse<String> zeroWithResponse = call("PUT", THING + "/attributes/z", "1", "application/json",
                "timeout", "0", "response-required", "true");
        assertEquals(400, zeroWithResponse.statusCode());
        assertEquals("header.invalid", error(zeroWithResponse));
        assertEquals("header.invalid", error(call("PUT", THING + "/attributes/z", "1", "application/json",
                "timeout", "0", "requested-acks", "custom", "response-required", "false")));
        assertEquals(400, call("GET", THING, "", null, "timeout", "0").statusCode());
        // AbstractCommand.validateHeaders: a query must require a response
        final HttpResponse<String> query = call("GET", THING, "", null, "response-required", "false");
        assertEquals(400, query.statusCode());
        assertEquals("command.headers.invalid", error(query));
        assertEquals(404, call("GET", THING + "/attributes/z", "", null).statusCode(), "nothing was written");
    }
}
