package io.twinbridge.sandbox.ditto.twin;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.policies.model.Permissions;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.ResourceKey;
import org.eclipse.ditto.policies.model.enforcers.Enforcer;
import org.eclipse.ditto.policies.model.enforcers.PolicyEnforcers;

/**
 * Answers permission questions for one policy with Ditto's own evaluator.
 */
public final class PolicyAccess {

    public static final String THING = "thing";
    public static final String POLICY = "policy";

    private static final Permissions READ = Permissions.newInstance("READ");
    private static final Permissions WRITE = Permissions.newInstance("WRITE");

    private final Enforcer enforcer;

    private PolicyAccess(final Enforcer enforcer) {
        this.enforcer = enforcer;
    }

    public static PolicyAccess of(final JsonObject policyJson) {
        return new PolicyAccess(PolicyEnforcers.defaultEvaluator(PoliciesModelFactory.newPolicy(policyJson)));
    }

    /** Access under a missing policy: nobody may do anything, as in Ditto. */
    public static PolicyAccess none() {
        return of(JsonObject.newBuilder().set("entries", JsonObject.empty()).build());
    }

    public boolean mayWrite(final String type, final JsonPointer path, final AuthorizationContext subject) {
        return enforcer.hasUnrestrictedPermissions(ResourceKey.newInstance(type, path), subject, WRITE);
    }

    /** Unrestricted READ on every one of {@code paths} (thing-relative pointers). */
    public boolean mayReadAll(final String type, final java.util.Collection<JsonPointer> paths,
            final AuthorizationContext subject) {
        final java.util.Set<ResourceKey> keys = new java.util.HashSet<>();
        paths.forEach(path -> keys.add(ResourceKey.newInstance(type, path)));
        return keys.stream().allMatch(key -> enforcer.hasUnrestrictedPermissions(key, subject, READ));
    }

    public boolean mayReadSomething(final String type, final JsonPointer path, final AuthorizationContext subject) {
        return enforcer.hasPartialPermissions(ResourceKey.newInstance(type, path), subject, READ);
    }

    /** The part of {@code full} (the whole entity, rooted at "/") that the subject may read. */
    public JsonObject readView(final String type, final JsonObject full, final AuthorizationContext subject) {
        return enforcer.buildJsonView(ResourceKey.newInstance(type, JsonPointer.empty()), full, subject, READ);
    }
}
