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

    /** Answers kept per question; past this many, they are dropped and asked again (bounds odd callers' paths). */
    private static final int MEMO_LIMIT = 10_000;

    private final Enforcer enforcer;
    /**
     * Permission answers by (kind of question, resource type, path, subject): a policy revision is immutable, so its
     * answers are too; Ditto's evaluator costs far more per question than this lookup.
     */
    private final java.util.Map<Question, Boolean> answers = new java.util.concurrent.ConcurrentHashMap<>();

    private record Question(String kind, String type, JsonPointer path, AuthorizationContext subject) {
    }

    private PolicyAccess(final Enforcer enforcer) {
        this.enforcer = enforcer;
    }

    private boolean memo(final String kind, final String type, final JsonPointer path,
            final AuthorizationContext subject, final java.util.function.Supplier<Boolean> ask) {
        final Question question = new Question(kind, type, path, subject);
        final Boolean known = answers.get(question);
        if (known != null) {
            return known;
        }
        final boolean answer = ask.get();
        if (answers.size() >= MEMO_LIMIT) {
            answers.clear();
        }
        answers.put(question, answer);
        return answer;
    }

    public static PolicyAccess of(final JsonObject policyJson) {
        return new PolicyAccess(PolicyEnforcers.defaultEvaluator(PoliciesModelFactory.newPolicy(policyJson)));
    }

    /** Access under a missing policy: nobody may do anything, as in Ditto. */
    public static PolicyAccess none() {
        return of(JsonObject.newBuilder().set("entries", JsonObject.empty()).build());
    }

    public boolean mayWrite(final String type, final JsonPointer path, final AuthorizationContext subject) {
        return memo("write", type, path, subject,
                () -> enforcer.hasUnrestrictedPermissions(ResourceKey.newInstance(type, path), subject, WRITE));
    }

    /** Unrestricted READ on every one of {@code paths} (thing-relative pointers). */
    public boolean mayReadAll(final String type, final java.util.Collection<JsonPointer> paths,
            final AuthorizationContext subject) {
        for (final JsonPointer path : paths) {
            if (!memo("read", type, path, subject,
                    () -> enforcer.hasUnrestrictedPermissions(ResourceKey.newInstance(type, path), subject, READ))) {
                return false;
            }
        }
        return true;
    }

    public boolean mayReadSomething(final String type, final JsonPointer path, final AuthorizationContext subject) {
        return memo("partialRead", type, path, subject,
                () -> enforcer.hasPartialPermissions(ResourceKey.newInstance(type, path), subject, READ));
    }

    /** The part of {@code full} (the whole entity, rooted at "/") that the subject may read. */
    public JsonObject readView(final String type, final JsonObject full, final AuthorizationContext subject) {
        return enforcer.buildJsonView(ResourceKey.newInstance(type, JsonPointer.empty()), full, subject, READ);
    }
}
