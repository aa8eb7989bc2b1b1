package io.twinbridge.launcher.bench;

import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.document.Role;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import io.twinbridge.gateway.tenant.document.TenantTopics;
import io.twinbridge.gateway.tenant.policy.GatewaySubjects;
import io.twinbridge.gateway.tenant.policy.TenantPolicy;
import io.twinbridge.gateway.tenant.policy.PolicyRenderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmarks' tenant {@code acme} as the gateway configures a tenant: its own namespace, roles, and the policy the
 * gateway renders for it (the gateway's technical user {@code ditto} writes, the roles' subjects read or operate).
 */
final class BenchTenant {
    static final String ID = "acme";
    /** The sandbox user the benchmarks connect as, and the gateway's subject in the policy. */
    static final String USER = "ditto";

    private BenchTenant() {
    }

    static TenantSpec spec() {
        return new TenantSpec(TenantId.of(ID), List.of(ID), Optional.empty(), TenantTopics.DERIVED,
                Map.of(Role.ADMIN, List.of("nginx:acme-admin"), Role.OPERATOR, List.of("nginx:acme-operator"),
                        Role.VIEWER, List.of("nginx:acme-viewer"), Role.DEVICE, List.of("nginx:acme-device")),
                Optional.empty());
    }

    /** The tenant's policy over {@code features}, as {@code TenantPolicies} puts it into Ditto. */
    static TenantPolicy policy(Set<String> features) {
        return new PolicyRenderer(features, new GatewaySubjects("nginx", USER)).render(spec());
    }
}
