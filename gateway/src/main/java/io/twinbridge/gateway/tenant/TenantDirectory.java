package io.twinbridge.gateway.tenant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The tenants the gateway serves. Thread-safe; the admin API may add and remove tenants at run time. */
public final class TenantDirectory {
    private final Map<TenantId, TenantSettings> tenants = new ConcurrentHashMap<>();

    public TenantDirectory(Collection<TenantSettings> initial) {
        initial.forEach(this::put);
    }

    public void put(TenantSettings settings) {
        tenants.put(settings.id(), settings);
    }

    public void remove(TenantId id) {
        tenants.remove(id);
    }

    public Optional<TenantSettings> get(TenantId id) {
        return Optional.ofNullable(tenants.get(id));
    }

    /**
     * The tenant whose telemetry topic (overridden or derived) this is, or empty. The tenant of a record comes from
     * its topic only. A scan rather than an index: tenants are few, and a scan can never go stale after a change.
     */
    public Optional<TenantSettings> ofTelemetryTopic(String topic, TopicNames names) {
        return tenants.values().stream().filter(t -> t.telemetryTopic(names).equals(topic)).findFirst();
    }

    /** The telemetry topics of all tenants, sorted. */
    public List<String> telemetryTopics(TopicNames names) {
        return tenants.values().stream().map(t -> t.telemetryTopic(names)).sorted().toList();
    }

    /** All tenants, sorted by id. */
    public Collection<TenantSettings> all() {
        return new TreeMap<>(tenants).values();
    }
}
