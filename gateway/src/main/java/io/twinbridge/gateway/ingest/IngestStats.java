package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.tenant.TenantId;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the ingest pipeline, read by metrics and tests from any thread: totals here, each tenant's share in
 * {@link #byTenant()}.
 */
public final class IngestStats {
    /** Tenant label of records whose topic maps to no configured tenant. */
    public static final String UNKNOWN_TENANT = "unknown";

    /** Observes each Ditto merge round trip; called on the pipeline thread, so it must be cheap. */
    @FunctionalInterface
    public interface DittoLatencyListener {
        void merged(String tenant, long nanos);
    }

    final LongAdder applied = new LongAdder();
    final LongAdder mergesSent = new LongAdder();
    final LongAdder staleDrops = new LongAdder();
    final LongAdder staleRecords = new LongAdder();
    final LongAdder dittoRetries = new LongAdder();
    final LongAdder decodeRetries = new LongAdder();
    final LongAdder thingsCreated = new LongAdder();
    final LongAdder dittoLatencyNanos = new LongAdder();
    final LongAdder dittoCalls = new LongAdder();
    final LongAdder egressAckFailures = new LongAdder();
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, TenantIngestStats> tenants = new ConcurrentHashMap<>();
    private volatile java.util.function.LongConsumer appliedRecordTimestamps = ts -> { };
    private volatile DittoLatencyListener dittoLatency = (tenant, nanos) -> { };

    /**
     * Observes the Kafka timestamp of every record once its change is persisted in the twin, e.g. to measure
     * produce-to-persisted latency. Called on the pipeline thread: keep it cheap.
     */
    public void onApplied(java.util.function.LongConsumer recordTimestamps) {
        this.appliedRecordTimestamps = recordTimestamps;
    }

    /** Observes every Ditto merge round trip with its tenant, e.g. for a latency histogram. */
    public void onDittoLatency(DittoLatencyListener listener) {
        this.dittoLatency = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Each tenant's counters, by tenant id; a tenant appears with its first record. */
    public Map<String, TenantIngestStats> byTenant() {
        return Collections.unmodifiableMap(tenants);
    }

    private TenantIngestStats tenant(String id) {
        TenantIngestStats stats = tenants.get(id);
        return stats != null ? stats : tenants.computeIfAbsent(id, t -> new TenantIngestStats());
    }

    void recordConsumed(String tenant) {
        tenant(tenant).consumed.increment();
    }

    void recordApplied(TenantId tenant, long recordTimestamp) {
        applied.increment();
        tenant(tenant.value()).applied.increment();
        appliedRecordTimestamps.accept(recordTimestamp);
    }

    void recordCoalesced(TenantId tenant) {
        tenant(tenant.value()).coalesced.increment();
    }

    void recordMergeSent(TenantId tenant) {
        mergesSent.increment();
        tenant(tenant.value()).mergesSent.increment();
    }

    void recordStaleDrops(TenantId tenant, int features) {
        staleDrops.add(features);
        tenant(tenant.value()).staleDrops.add(features);
    }

    void recordStaleRecord(TenantId tenant) {
        staleRecords.increment();
        tenant(tenant.value()).staleRecords.increment();
    }

    void recordDittoLatency(TenantId tenant, long nanos) {
        dittoLatencyNanos.add(nanos);
        dittoCalls.increment();
        dittoLatency.merged(tenant.value(), nanos);
    }

    void recordDeadLetter(TenantId tenant, String code) {
        deadLettered.computeIfAbsent(code, c -> new LongAdder()).increment();
        tenant(tenant.value()).recordDeadLetter(code);
    }

    /**
     * Merges whose egress acknowledgement failed or did not come in time (424, 408): applied in Ditto, not yet
     * confirmed on the twin-events topic; each was sent again.
     */
    public long egressAckFailures() {
        return egressAckFailures.sum();
    }

    /** Records whose change reached their twin. */
    public long applied() {
        return applied.sum();
    }

    public long mergesSent() {
        return mergesSent.sum();
    }

    /** Features left out of updates because the twin held newer state. */
    public long staleDrops() {
        return staleDrops.sum();
    }

    /** Records that changed nothing because all of their values were stale. */
    public long staleRecords() {
        return staleRecords.sum();
    }

    /** Mean round trip of a Ditto merge, in milliseconds, or 0 before the first one. */
    public double meanDittoMillis() {
        long calls = dittoCalls.sum();
        return calls == 0 ? 0 : dittoLatencyNanos.sum() / 1e6 / calls;
    }

    public long dittoRetries() {
        return dittoRetries.sum();
    }

    public long thingsCreated() {
        return thingsCreated.sum();
    }

    public long deadLettered() {
        return deadLettered.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Dead-lettered records by error code. */
    public Map<String, Long> deadLetteredByCode() {
        Map<String, Long> out = new java.util.TreeMap<>();
        deadLettered.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }
}
