package io.twinbridge.gateway.tenant;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One change of the {@link TenantDirectory}, computed once by the directory and handed to every
 * {@link TenantListener}, so that no listener diffs the directory again.
 *
 * @param added   tenants served from now on
 * @param removed tenants no longer served, as they were
 * @param changed tenants still served with other settings (namespaces, topics, Ditto user, policy), as they are now
 */
public record TenantChange(List<TenantSettings> added, List<TenantSettings> removed, List<TenantSettings> changed) {
    public TenantChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** The ids of the removed tenants, sorted. */
    public Set<TenantId> removedIds() {
        Set<TenantId> ids = new TreeSet<>();
        removed.forEach(t -> ids.add(t.id()));
        return ids;
    }
}
