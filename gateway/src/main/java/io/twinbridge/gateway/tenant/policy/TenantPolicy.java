package io.twinbridge.gateway.tenant.policy;

import java.util.Objects;
import org.eclipse.ditto.json.JsonObject;

/** A rendered Ditto policy: its id and its JSON, {@code policyId} included. */
public record TenantPolicy(String policyId, JsonObject json) {
    public TenantPolicy {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(json, "json");
    }
}
