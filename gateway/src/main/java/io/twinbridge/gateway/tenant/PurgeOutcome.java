package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.tenant.document.TenantSpec;

/** What became of one {@link TenantAdmin#removeAndPurge}. */
public sealed interface PurgeOutcome {
    /** No such tenant; nothing changed. */
    record NotFound() implements PurgeOutcome {
    }

    /** Every thing of the tenant's namespaces is deleted, and the tenant removed. Its policy stays. */
    record Purged(TenantSpec tenant, long thingsDeleted) implements PurgeOutcome {
    }

    /**
     * Ditto failed after {@code thingsDeleted} things. The tenant's flows are stopped, but it stays in the document,
     * so that repeating the DELETE continues the purge.
     */
    record DittoFailed(TenantSpec tenant, long thingsDeleted, DittoPortException failure) implements PurgeOutcome {
    }
}
