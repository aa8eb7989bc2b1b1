package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;

/**
 * The policy {@code org.example:plant} and its thing {@code org.example:pump}, shared by the enforcement tests:
 * {@code ditto} owns everything, {@code reader} may read all but the feature {@code secret} and write nothing.
 */
final class PlantPolicy {
    static final String PUMP = "/api/2/things/org.example:pump";
    private static final String POLICY = """
            {"entries":{
              "OWNER":{"subjects":{"nginx:ditto":{"type":"test"}},
                       "resources":{"thing:/":{"grant":["READ","WRITE"],"revoke":[]},
                                    "policy:/":{"grant":["READ","WRITE"],"revoke":[]}}},
              "READER":{"subjects":{"nginx:reader":{"type":"test"}},
                        "resources":{"thing:/":{"grant":["READ"],"revoke":[]},
                                     "thing:/features/secret":{"grant":[],"revoke":["READ"]}}}}}""";

    private PlantPolicy() {
    }

    /** Creates the policy, then the pump under it with {@code features} (as {@code ditto}). */
    static void createWithPump(final DittoSandbox sandbox, final String features) throws Exception {
        assertEquals(201, Http.send(Http.request(sandbox, "/api/2/policies/org.example:plant", "ditto")
                .PUT(HttpRequest.BodyPublishers.ofString(POLICY)).build()).statusCode());
        assertEquals(201, Http.send(Http.request(sandbox, PUMP, "ditto")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"policyId\":\"org.example:plant\","
                        + "\"attributes\":{\"site\":\"north\"},\"features\":" + features + "}"))
                .build()).statusCode());
    }
}
