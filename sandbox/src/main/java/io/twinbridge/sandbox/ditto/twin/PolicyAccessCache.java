package io.twinbridge.sandbox.ditto.twin;

import io.twinbridge.sandbox.ditto.SandboxStore.PolicyRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.ditto.policies.model.PolicyId;

/**
 * Ditto's evaluator per stored policy revision. Building an enforcer parses the whole policy, which costs far more
 * than the permission check itself; every command on a thing needs one, so it is built once per policy revision.
 */
final class PolicyAccessCache {
    private record Entry(PolicyRecord policy, PolicyAccess access) {
    }

    private final Map<PolicyId, Entry> entries = new ConcurrentHashMap<>();

    PolicyAccess of(final PolicyRecord policy) {
        final Entry cached = entries.get(policy.id());
        // records are immutable, so the same record object means the same policy content
        if (cached != null && cached.policy() == policy) {
            return cached.access();
        }
        final PolicyAccess access = PolicyAccess.of(policy.json());
        entries.put(policy.id(), new Entry(policy, access));
        return access;
    }

    /** Remembers an evaluator already built for {@code policy}, e.g. while checking the creation of a thing. */
    void put(final PolicyRecord policy, final PolicyAccess access) {
        entries.put(policy.id(), new Entry(policy, access));
    }
}
