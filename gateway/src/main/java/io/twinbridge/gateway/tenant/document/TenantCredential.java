package io.twinbridge.gateway.tenant.document;

import java.util.Objects;

/**
 * The Ditto user the gateway uses for one tenant only. The password is never part of the document: the gateway reads
 * it from its environment variable {@code passwordEnv}, so the document can be shown and stored without secrets.
 */
public record TenantCredential(String username, String passwordEnv) {
    public TenantCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordEnv, "passwordEnv");
    }
}
