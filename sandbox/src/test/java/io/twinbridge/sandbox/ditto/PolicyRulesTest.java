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
 * Ditto 3.9.6's policy rules the sandbox applies: a thing's creator must be able to READ the policy it references
 * (ThingEnforcerActor + PolicyCommandEnforcement), a policy change needs WRITE on its own path
 * (PolicyCommandEnforcement), and no change may leave a policy without a permanent subject holding WRITE on
 * {@code policy:/} (PoliciesValidator, the lockout prevention). Users: {@code owner} holds the policy, {@code writer}
 * may write things but has no READ on the policy, {@code reader} has READ on its own entry only, {@code steward} may
 * change the subjects of the entry {@code OPS} and nothing else of the policy.
 */
@Tag("flow")
class PolicyRulesTest {

    private static final String POLICY = """
            {"entries":{
              "OWNER":{"subjects":{"nginx:owner":{"type":"test"}},
                       "resources":{"thing:/":{"grant":["READ","WRITE"],"revoke":[]},
                                    "policy:/":{"grant":["READ","WRITE"],"revoke":[]}}},
              "WRITER":{"subjects":{"nginx:writer":{"type":"test"}},
                        "resources":{"thing:/":{"grant":["READ","WRITE"],"revoke":[]}}},
              "READER":{"subjects":{"nginx:reader":{"type":"test"}},
                        "resources":{"thing:/":{"grant":["READ","WRITE"],"revoke":[]},
                                     "policy:/entries/READER":{"grant":["READ"],"revoke":[]}}},
              "STEWARD":{"subjects":{"nginx:steward":{"type":"test"}},
                         "resources":{"policy:/":{"grant":["READ"],"revoke":[]},
                                      "policy:/entries/OPS/subjects":{"grant":["WRITE"],"revoke":[]}}},
              "OPS":{"subjects":{"nginx:ops":{"type":"test"}},
                     "resources":{"thing:/":{"grant":["READ"],"revoke":[]}}}}}""";
    private static final String PLANT = "/api/2/policies/org.example:plant";

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.with(options());

    @BeforeEach
    void start() throws Exception {
        assertEquals(201, put(PLANT, "owner", POLICY).statusCode());
    }

    private static SandboxOptions options() {
        SandboxOptions options = SandboxOptions.defaults();
        for (final String user : new String[] {"owner", "writer", "reader", "steward", "ops"}) {
            options = options.withUser(user, user);
        }
        return options;
    }

    // ThingEnforcerActor.loadPolicyEnforcerForCreateThing -> retrievePolicyWithEnforcement -> PolicyCommandEnforcement
    @Test
    void creatingAThingUnderAPolicyTheCreatorCannotReadIsNotFound() throws Exception {
        final HttpResponse<String> answer = put("/api/2/things/org.example:pump", "writer",
                "{\"policyId\":\"org.example:plant\"}");

        assertError(answer, 404, "policies:policy.notfound");
        assertEquals(404, get("/api/2/things/org.example:pump", "owner").statusCode(), "nothing was created");
    }

    @Test
    void creatingAThingUnderAMissingPolicyIsNotFoundToo() throws Exception {
        // PolicyCommandEnforcement.authorizeSignalWithMissingEnforcer
        assertError(put("/api/2/things/org.example:pump", "owner", "{\"policyId\":\"org.example:nowhere\"}"), 404,
                "policies:policy.notfound");
    }

    @Test
    void readOnOnePartOfThePolicyIsEnoughToCreate() throws Exception {
        // PolicyCommandEnforcement checks READ with hasPartialPermissions on policy:/
        assertEquals(201, put("/api/2/things/org.example:pump", "reader", "{\"policyId\":\"org.example:plant\"}")
                .statusCode());
    }

    // PolicyCommandEnforcement: a PolicyModifyCommand needs unrestricted WRITE on its own resource path
    @Test
    void writeOnOneEntrysSubjectsChangesThoseSubjectsAndNothingElse() throws Exception {
        assertEquals(201, put(PLANT + "/entries/OPS/subjects/nginx:ops2", "steward", "{\"type\":\"test\"}")
                .statusCode());
        assertError(delete(PLANT + "/entries/OWNER", "steward"), 403, "policies:entry.notmodifiable");
        assertError(put(PLANT + "/entries/OPS/resources/policy:/", "steward",
                "{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]}"), 403, "policies:resource.notmodifiable");
        assertError(put(PLANT + "/entries/STEWARD/subjects/nginx:x", "steward", "{\"type\":\"test\"}"), 403,
                "policies:subject.notmodifiable");
        assertError(put(PLANT, "steward", POLICY), 403, "policies:policy.notmodifiable");
    }

    // PoliciesValidator, run by DeletePolicyEntryStrategy, DeleteSubjectStrategy, ModifyPolicyStrategy, ...
    @Test
    void noChangeMayRemoveTheLastWriterOfPolicyRoot() throws Exception {
        assertError(delete(PLANT + "/entries/OWNER", "owner"), 403, "policies:entry.modificationinvalid");
        assertError(delete(PLANT + "/entries/OWNER/subjects/nginx:owner", "owner"), 403,
                "policies:entry.modificationinvalid");
        final String withoutOwner = JsonFactory.newObject(POLICY).remove(
                org.eclipse.ditto.json.JsonPointer.of("/entries/OWNER")).toString();
        assertError(put(PLANT, "owner", withoutOwner), 403, "policies:policy.modificationinvalid");
        // another permanent subject with WRITE on policy:/ makes the same deletion valid: it is not about the caller
        assertEquals(201, put(PLANT + "/entries/SECOND", "owner", """
                {"subjects":{"nginx:steward":{"type":"test"}},
                 "resources":{"policy:/":{"grant":["READ","WRITE"],"revoke":[]}}}""").statusCode());
        assertEquals(204, delete(PLANT + "/entries/OWNER", "owner").statusCode());
    }

    // PolicyCommandEnforcement.authorizeCreatePolicy, then CreatePolicyStrategy's PoliciesValidator
    @Test
    void aCreatorMustBeAbleToChangeThePolicyItCreates() throws Exception {
        final String othersOnly = """
                {"entries":{"OTHER":{"subjects":{"nginx:ops":{"type":"test"}},
                 "resources":{"policy:/":{"grant":["READ","WRITE"],"revoke":[]}}}}}""";
        assertError(put("/api/2/policies/org.example:other", "owner", othersOnly), 403,
                "policies:policy.notcreatable");
        assertEquals(201, send(Http.request(ditto.get(), "/api/2/policies/org.example:other", "owner")
                .header("allow-policy-lockout", "true").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(othersOnly)).build()).statusCode());
        final String nobody = """
                {"entries":{"OTHER":{"subjects":{"nginx:owner":{"type":"test"}},
                 "resources":{"thing:/":{"grant":["READ","WRITE"],"revoke":[]}}}}}""";
        assertError(send(Http.request(ditto.get(), "/api/2/policies/org.example:third", "owner")
                .header("allow-policy-lockout", "true").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(nobody)).build()), 403, "policies:policy.modificationinvalid");
    }

    private static void assertError(final HttpResponse<String> answer, final int status, final String code) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals(code, JsonObject.of(answer.body()).getValue("error").orElseThrow().asString(), answer.body());
    }

    private HttpResponse<String> put(final String path, final String user, final String json) throws Exception {
        return send(Http.request(ditto.get(), path, user).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> get(final String path, final String user) throws Exception {
        return send(Http.request(ditto.get(), path, user).GET().build());
    }

    private HttpResponse<String> delete(final String path, final String user) throws Exception {
        return send(Http.request(ditto.get(), path, user).DELETE().build());
    }

    private static HttpResponse<String> send(final HttpRequest request) throws Exception {
        return Http.send(request);
    }
}
