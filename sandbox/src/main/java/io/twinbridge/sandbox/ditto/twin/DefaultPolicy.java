package io.twinbridge.sandbox.ditto.twin;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;

/** The policy Ditto creates for a thing that is created without one. */
final class DefaultPolicy {

    private DefaultPolicy() {
    }

    static JsonObject forCreator(final String policyId, final AuthorizationContext creator) {
        final JsonObjectBuilder subjects = JsonObject.newBuilder();
        for (final AuthorizationSubject subject : creator.getAuthorizationSubjects()) {
            subjects.set(subject.getId(), JsonObject.newBuilder().set("type", "generated").build());
        }
        final JsonObject readWrite = JsonObject.newBuilder()
                .set("grant", JsonArray.of("READ", "WRITE"))
                .set("revoke", JsonArray.empty())
                .build();
        final JsonObject resources = JsonObject.newBuilder()
                .set("thing:/", readWrite)
                .set("policy:/", readWrite)
                .set("message:/", readWrite)
                .build();
        return JsonObject.newBuilder()
                .set("policyId", policyId)
                .set("entries", JsonObject.newBuilder()
                        .set("DEFAULT", JsonObject.newBuilder()
                                .set("subjects", subjects.build())
                                .set("resources", resources)
                                .build())
                        .build())
                .build();
    }
}
