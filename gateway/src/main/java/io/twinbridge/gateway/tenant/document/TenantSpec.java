package io.twinbridge.gateway.tenant.document;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One tenant as declared in the tenants document, after schema validation.
 *
 * @param id         the tenant
 * @param namespaces its Ditto namespaces; the first is the primary one (new things, the tenant's policy)
 * @param codec      the encoding of its telemetry topic; empty = the gateway's {@code ingest.codec}
 * @param topics     topic name overrides
 * @param roles      subjects per role, each list sorted and without duplicates
 * @param ditto      the gateway's own Ditto user for this tenant, if it has one
 */
public record TenantSpec(TenantId id, List<String> namespaces, Optional<CodecKind> codec, TenantTopics topics,
                         Map<Role, List<String>> roles, Optional<TenantCredential> ditto) {
    /** The name part of every tenant policy id: {@code <primary namespace>:tenant-policy}. */
    public static final String POLICY_NAME = "tenant-policy";

    public TenantSpec {
        Objects.requireNonNull(id, "id");
        namespaces = List.copyOf(namespaces);
        if (namespaces.isEmpty()) {
            throw new IllegalArgumentException("tenant " + id + " has no namespace");
        }
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(topics, "topics");
        Map<Role, List<String>> sorted = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            sorted.put(role, List.copyOf(new TreeSet<>(roles.getOrDefault(role, List.of()))));
        }
        roles = java.util.Collections.unmodifiableMap(sorted);
        Objects.requireNonNull(ditto, "ditto");
    }

    public String primaryNamespace() {
        return namespaces.get(0);
    }

    /** The id of the tenant's one policy, which every thing the gateway creates for it references. */
    public String policyId() {
        return primaryNamespace() + ":" + POLICY_NAME;
    }

    public List<String> subjects(Role role) {
        return roles.get(role);
    }

    /** What ingest needs of this tenant. */
    public TenantSettings settings(CodecKind defaultCodec) {
        return new TenantSettings(id, primaryNamespace(), codec.orElse(defaultCodec), Optional.of(policyId()), topics,
                ditto, namespaces.subList(1, namespaces.size()));
    }
}
