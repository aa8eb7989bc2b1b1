package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.codec.CodecKind;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What ingest needs to know of one tenant.
 *
 * @param id        the tenant
 * @param namespace the Ditto namespace of its things: thing id = {@code <namespace>:<deviceId>}
 * @param codec     how its telemetry topic is encoded
 * @param policyId  the policy new things get; empty = Ditto's default policy for the gateway's subject
 */
public record TenantSettings(TenantId id, String namespace, CodecKind codec, Optional<String> policyId) {
    /** Ditto's namespace rule: dot-separated segments, each starting with a letter. */
    public static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z]\\w*(?:\\.[a-zA-Z]\\w*)*");

    public TenantSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(policyId, "policyId");
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("invalid Ditto namespace '" + namespace + "' for tenant " + id);
        }
    }

    /** The default namespace of a tenant: its id, with dashes as underscores. */
    public static String defaultNamespace(TenantId id) {
        return id.value().replace('-', '_');
    }
}
