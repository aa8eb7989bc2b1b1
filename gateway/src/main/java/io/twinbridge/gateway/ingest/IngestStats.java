package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.tenant.TenantId;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * Counters of the ingest pipeline, read by metrics and tests from any thread. What is counted per tenant lives only in
 * {@link #byTenant()}, and the totals here are sums over the tenants, so the two can never disagree; the counters
 * that have no tenant (retries, things created, Ditto latency, egress acknowledgements) live here.
 */
public final class IngestStats {
    /** Tenant label of records whose topic maps to no configured tenant. */
    public static final String UNKNOWN_TENANT = "unknown";

    /** Observes each Ditto merge round trip; called on the pipeline thread, so it must be cheap. */
    @FunctionalInterface
    public interface DittoLatencyListener {
        void merged(String tenant, long nanos);
    }

    final LongAdder dittoRetries = new LongAdder();
    final LongAdder decodeRetries = new LongAdder();
    final LongAdder thingsCreated = new LongAdder();
    final LongAdder dittoLatencyNanos = new LongAdder();
    final LongAdder dittoCalls = new LongAdder();
    final LongAdder egressAckFailures = new LongAdder();
    private final Map<String, TenantIngestStats> tenants = new ConcurrentHashMap<>();
    private volatile java.util.function.LongConsumer appliedRecordTimestamps = ts -> { };
    private volatile DittoLatencyListener dittoLatency = (tenant, nanos) -> { };
    private volatile CoalescingScheduler<?, ?> window;

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

    void window(CoalescingScheduler<?, ?> scheduler) {
        this.window = scheduler;
    }

    /** W: merges allowed in flight to Ditto now (the adaptive write window); 0 before ingest is wired. */
    public int writeWindow() {
        CoalescingScheduler<?, ?> s = window;
        return s == null ? 0 : s.window();
    }

    /** The largest W so far. */
    public int peakWriteWindow() {
        CoalescingScheduler<?, ?> s = window;
        return s == null ? 0 : s.peakWindow();
    }

    /** Merges in flight to Ditto now. */
    public int writesInFlight() {
        CoalescingScheduler<?, ?> s = window;
        return s == null ? 0 : s.inFlight();
    }

    /** Things whose update waits for a slot of the write window. */
    public int readyQueueLength() {
        CoalescingScheduler<?, ?> s = window;
        return s == null ? 0 : s.readyKeys();
    }

    /** Things with an update waiting or being written. */
    public int pendingTwins() {
        CoalescingScheduler<?, ?> s = window;
        return s == null ? 0 : s.activeKeys();
    }

    /** Estimated memory of the patches waiting or being written. */
    public long pendingPatchBytes() {
        CoalescingScheduler<?, ?> s = window;
        return s == null ? 0 : s.pendingBytes();
    }

    /** The write window's smoothed round trip (a whole write, retries included), in milliseconds. */
    public double writeRoundTripMillis() {
        CoalescingScheduler<?, ?> s = window;
        return s == null ? 0 : s.roundTripMillis();
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
        tenant(tenant.value()).applied.increment();
        appliedRecordTimestamps.accept(recordTimestamp);
    }

    void recordCoalesced(TenantId tenant) {
        tenant(tenant.value()).coalesced.increment();
    }

    void recordMergeSent(TenantId tenant) {
        tenant(tenant.value()).mergesSent.increment();
    }

    void recordStaleDrops(TenantId tenant, int features) {
        tenant(tenant.value()).staleDrops.add(features);
    }

    void recordStaleRecord(TenantId tenant) {
        tenant(tenant.value()).staleRecords.increment();
    }

    void recordDittoLatency(TenantId tenant, long nanos) {
        dittoLatencyNanos.add(nanos);
        dittoCalls.increment();
        dittoLatency.merged(tenant.value(), nanos);
    }

    void recordDeadLetter(TenantId tenant, String code) {
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
        return total(TenantIngestStats::applied);
    }

    /** Merge commands sent to Ditto, retries included. */
    public long mergesSent() {
        return total(TenantIngestStats::mergesSent);
    }

    /** Features left out of updates because the twin held newer state. */
    public long staleDrops() {
        return total(TenantIngestStats::staleDrops);
    }

    /** Records that changed nothing because all of their values were stale. */
    public long staleRecords() {
        return total(TenantIngestStats::staleRecords);
    }

    /** Mean round trip of a Ditto merge, in milliseconds, or 0 before the first one. */
    public double meanDittoMillis() {
        long calls = dittoCalls.sum();
        return calls == 0 ? 0 : dittoLatencyNanos.sum() / 1e6 / calls;
    }

    public long dittoRetries() {
        return dittoRetries.sum();
    }

    /** Decodes retried because the schema registry did not answer. */
    public long decodeRetries() {
        return decodeRetries.sum();
    }

    public long thingsCreated() {
        return thingsCreated.sum();
    }

    public long deadLettered() {
        return deadLetteredByCode().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Dead-lettered records by error code, over all tenants. */
    public Map<String, Long> deadLetteredByCode() {
        Map<String, Long> out = new TreeMap<>();
        tenants.values().forEach(t -> t.deadLetteredByCode().forEach((code, n) -> out.merge(code, n, Long::sum)));
        return out;
    }

    private long total(ToLongFunction<TenantIngestStats> counter) {
        return tenants.values().stream().mapToLong(counter).sum();
    }
}
