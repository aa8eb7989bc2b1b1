package io.twinbridge.gateway.tenant;

import java.util.concurrent.CompletionStage;

/** Follows the tenant directory. The stage completes once the listener has taken the change in. */
@FunctionalInterface
public interface TenantListener {
    CompletionStage<Void> tenantsChanged(TenantChange change);
}
