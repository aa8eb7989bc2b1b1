package io.twinbridge.gateway.tenant;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants the gateway serves. Thread-safe; the admin API may add and remove tenants at run time.
 *
 * <p>Each change is computed here, once, as a {@link TenantChange} and published to the listeners in the order they
 * registered; each listener starts after the previous one's stage completed (egress closes a removed tenant's
 * sessions before the tenant sessions close its writer session), and changes are published one after the other.
 */
public final class TenantDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(TenantDirectory.class);

    private final Map<TenantId, TenantSettings> tenants = new ConcurrentHashMap<>();
    private final List<TenantListener> listeners = new CopyOnWriteArrayList<>();
    private CompletableFuture<Void> published = CompletableFuture.completedFuture(null);
    /** Counts the changes; an index built before the last one is built again. */
    private final AtomicLong changes = new AtomicLong();
    /** Tenants by telemetry topic for one {@link TopicNames}, as of a count of changes. */
    private volatile TopicIndex topicIndex = TopicIndex.NONE;

    public TenantDirectory(Collection<TenantSettings> initial) {
        initial.forEach(t -> tenants.put(t.id(), t));
    }

    /** Registers a listener of later changes; listeners run in registration order. */
    public void listen(TenantListener listener) {
        listeners.add(listener);
    }

    /** Adds or replaces a tenant; completes once every listener took the change in. */
    public synchronized CompletionStage<Void> put(TenantSettings settings) {
        TenantSettings before = tenants.put(settings.id(), settings);
        changes.incrementAndGet();
        if (settings.equals(before)) {
            return published.copy();
        }
        return publish(before == null ? new TenantChange(List.of(settings), List.of(), List.of())
                : new TenantChange(List.of(), List.of(), List.of(settings)));
    }

    /** Stops serving a tenant; completes once every listener took the change in. */
    public synchronized CompletionStage<Void> remove(TenantId id) {
        TenantSettings before = tenants.remove(id);
        changes.incrementAndGet();
        if (before == null) {
            return published.copy();
        }
        return publish(new TenantChange(List.of(), List.of(before), List.of()));
    }

    public Optional<TenantSettings> get(TenantId id) {
        return Optional.ofNullable(tenants.get(id));
    }

    /**
     * The tenant whose telemetry topic (overridden or derived) this is, or empty. The tenant of a record comes from
     * its topic only. Asked once per record: an index, built again on first use after a change (a scan that derived
     * every tenant's topic name per record was 15 % of ingest's decode thread in a JFR profile of its steady state).
     * Lock-free, so a record never waits for a tenant change: an index carries the count of changes read before it
     * was built, and one built while a change was made is built again at the next lookup.
     */
    public Optional<TenantSettings> ofTelemetryTopic(String topic, TopicNames names) {
        TopicIndex index = topicIndex;
        if (index.names != names || index.changes != changes.get()) {
            index = reindex(names);
        }
        return Optional.ofNullable(index.byTopic.get(topic));
    }

    private TopicIndex reindex(TopicNames names) {
        long asOf = changes.get();
        Map<String, TenantSettings> byTopic = new HashMap<>();
        tenants.values().forEach(t -> byTopic.putIfAbsent(t.telemetryTopic(names), t));
        TopicIndex index = new TopicIndex(names, asOf, byTopic);
        topicIndex = index;
        return index;
    }

    private record TopicIndex(TopicNames names, long changes, Map<String, TenantSettings> byTopic) {
        static final TopicIndex NONE = new TopicIndex(null, -1, Map.of());
    }

    /** The telemetry topics of all tenants, sorted. */
    public List<String> telemetryTopics(TopicNames names) {
        return tenants.values().stream().map(t -> t.telemetryTopic(names)).sorted().toList();
    }

    /** All tenants, sorted by id. */
    public Collection<TenantSettings> all() {
        return new TreeMap<>(tenants).values();
    }

    private CompletionStage<Void> publish(TenantChange change) {
        CompletableFuture<Void> next = published;
        for (TenantListener listener : listeners) {
            next = next.thenCompose(ignored -> notify(listener, change));
        }
        published = next;
        return next.copy();
    }

    /** A listener that fails is logged and does not keep the later listeners from the change. */
    private static CompletableFuture<Void> notify(TenantListener listener, TenantChange change) {
        CompletableFuture<Void> done;
        try {
            done = listener.tenantsChanged(change).toCompletableFuture();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        return done.handle((ok, failure) -> {
            if (failure != null) {
                LOG.warn("A follower of the tenants did not take in {}: {}", change, failure.toString());
            }
            return null;
        });
    }
}
