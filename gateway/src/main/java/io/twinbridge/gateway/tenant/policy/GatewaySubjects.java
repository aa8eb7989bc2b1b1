package io.twinbridge.gateway.tenant.policy;

import io.twinbridge.gateway.tenant.document.TenantSpec;
import java.util.Objects;

/**
 * The Ditto subjects the gateway itself acts as. Behind Ditto's nginx a basic-auth user {@code u} is subject
 * {@code nginx:u}.
 *
 * @param issuer      subject issuer of the gateway's Ditto users, {@code nginx} behind Ditto's nginx
 * @param gatewayUser the Ditto user of {@code ditto.username}: applies policies, and writes twins for every tenant
 *                    without a credential of its own
 */
public record GatewaySubjects(String issuer, String gatewayUser) {
    public GatewaySubjects {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(gatewayUser, "gatewayUser");
    }

    /** Whom ingest and egress act as for this tenant: its own Ditto user if it has one, else the gateway's. */
    public String technicalSubject(TenantSpec tenant) {
        return issuer + ":" + tenant.ditto().map(c -> c.username()).orElse(gatewayUser);
    }

    /** Who keeps the policy up to date through the admin API. */
    public String policyManager() {
        return issuer + ":" + gatewayUser;
    }
}
