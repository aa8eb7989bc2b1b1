package io.twinbridge.gateway.http;

import io.twinbridge.gateway.tenant.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone the admin API knows.
 *
 * @param name   for logs
 * @param tenant the one tenant a tenant admin manages; empty for a global operator, who manages all
 */
public record AdminPrincipal(String name, Optional<TenantId> tenant) {
    public AdminPrincipal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tenant, "tenant");
    }

    public boolean mayManage(TenantId id) {
        return tenant.isEmpty() || tenant.get().equals(id);
    }
}
