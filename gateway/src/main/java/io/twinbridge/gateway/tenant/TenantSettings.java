package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.tenant.document.TenantCredential;
import io.twinbridge.gateway.tenant.document.TenantTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What ingest and egress need to know of one tenant.
 *
 * @param id        the tenant
 * @param namespace the Ditto namespace of its things: thing id = {@code <namespace>:<deviceId>}
 * @param codec     how its telemetry topic is encoded
 * @param policyId  the policy new things get; empty = Ditto's default policy for the gateway's subject
 * @param topics    topic name overrides; each absent one is derived from the gateway's topic prefix
 * @param ditto     the Ditto user the gateway acts as for this tenant; empty = the shared {@code ditto.username}
 * @param otherNamespaces further namespaces of the tenant's things (created by others than ingest); egress publishes
 *                  their changes too
 */
public record TenantSettings(TenantId id, String namespace, CodecKind codec, Optional<String> policyId,
                             TenantTopics topics, Optional<TenantCredential> ditto, List<String> otherNamespaces) {
    /** Ditto's namespace rule: dot-separated segments, each starting with a letter. */
    public static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z]\\w*(?:\\.[a-zA-Z]\\w*)*");

    public TenantSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(ditto, "ditto");
        otherNamespaces = List.copyOf(otherNamespaces);
        for (String ns : namespaces(namespace, otherNamespaces)) {
            if (ns == null || !NAMESPACE.matcher(ns).matches()) {
                throw new IllegalArgumentException("invalid Ditto namespace '" + ns + "' for tenant " + id);
            }
        }
    }

    /** With derived topic names and the shared Ditto user. */
    public TenantSettings(TenantId id, String namespace, CodecKind codec, Optional<String> policyId) {
        this(id, namespace, codec, policyId, TenantTopics.DERIVED, Optional.empty(), List.of());
    }

    /** Every namespace of the tenant, the primary one first. */
    public List<String> namespaces() {
        return namespaces(namespace, otherNamespaces);
    }

    private static List<String> namespaces(String primary, List<String> others) {
        List<String> all = new ArrayList<>(others.size() + 1);
        all.add(primary);
        all.addAll(others);
        return all;
    }

    public String telemetryTopic(TopicNames names) {
        return topics.telemetry().orElse(names.telemetry(id));
    }

    public String deadLetterTopic(TopicNames names) {
        return topics.deadLetter().orElse(names.deadLetter(id));
    }

    public String twinEventsTopic(TopicNames names) {
        return topics.twinEvents().orElse(names.twinEvents(id));
    }

    public String commandsTopic(TopicNames names) {
        return topics.commands().orElse(names.commands(id));
    }

    /** The default namespace of a tenant: its id, with dashes as underscores. */
    public static String defaultNamespace(TenantId id) {
        return id.value().replace('-', '_');
    }
}
