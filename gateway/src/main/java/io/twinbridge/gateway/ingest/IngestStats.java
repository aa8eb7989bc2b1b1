package io.twinbridge.gateway.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinbridge.gateway.metrics.MeterReads;
import io.twinbridge.gateway.metrics.MetricNames;
import io.twinbridge.gateway.tenant.TenantId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;
import java.util.function.ToDoubleFunction;

/**
 * The ingest pipeline's counts, kept once, in Micrometer (as Hono's {@code MicrometerBasedMetrics}): one counter per
 * event, tagged with the tenant and the outcome, registered on the gateway's registry with the tenant's first record;
 * the counters that have no tenant (retries, things created, egress acknowledgements) are counted for the whole
 * gateway. The reads here (totals, per tenant) are sums over the registry's series, for tests, logs and benchmarks.
 * The write window's figures are gauges over the scheduler.
 */
public final class IngestStats {
    /** Tenant label of records whose topic maps to no configured tenant. */
    public static final String UNKNOWN_TENANT = "unknown";

    private final MeterRegistry registry;
    final Counter dittoRetries;
    final Counter decodeRetries;
    final Counter thingsCreated;
    final Counter createsFirst;
    final Counter egressAckFailures;
    private final Map<String, TenantIngestStats> tenants = new ConcurrentHashMap<>();
    private volatile LongConsumer appliedRecordTimestamps = ts -> { };
    private volatile CoalescingScheduler<?, ?> window;

    /** Counts into a registry of its own: for tests and tools that read the counts only through this object. */
    public IngestStats() {
        this(new SimpleMeterRegistry());
    }

    public IngestStats(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.decodeRetries = gatewayCounter(MetricNames.INGEST_DECODE_RETRIES,
                "Decodes retried (schema registry unreachable)");
        this.thingsCreated = gatewayCounter(MetricNames.INGEST_THINGS_PROVISIONED,
                "Twins created for devices seen the first time");
        this.createsFirst = gatewayCounter(MetricNames.INGEST_CREATES_FIRST,
                "Writes to a thing not seen yet that started with the create (most unseen things were new)");
        this.dittoRetries = gatewayCounter(MetricNames.DITTO_WRITE_RETRIES,
                "Writes to Ditto retried after a transient failure");
        this.egressAckFailures = gatewayCounter(MetricNames.DITTO_EGRESS_ACK_FAILURES,
                "Merges Ditto answered 408/424: egress did not confirm");
        gauge(MetricNames.INGEST_WRITE_WINDOW, MetricNames.MERGES,
                "W: merges allowed in flight to Ditto now; adapts to Ditto's round trip", IngestStats::writeWindow);
        gauge(MetricNames.INGEST_READY_QUEUE, MetricNames.THINGS,
                "Things whose update waits for a slot of the write window", IngestStats::readyQueueLength);
        gauge(MetricNames.INGEST_WRITE_ROUND_TRIP, "seconds",
                "Smoothed round trip of a write (merge, with creation and retries)", s -> s.writeRoundTripMillis() / 1000);
        gauge(MetricNames.INGEST_PENDING_TWINS, MetricNames.THINGS, "Things with an update waiting or being written",
                IngestStats::pendingTwins);
        gauge(MetricNames.INGEST_PENDING_BYTES, "bytes", "Estimated memory of the patches waiting or being written",
                IngestStats::pendingPatchBytes);
    }

    private Counter gatewayCounter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private void gauge(String name, String unit, String description, ToDoubleFunction<IngestStats> read) {
        Gauge.builder(name, this, read).baseUnit(unit).description(description).register(registry);
    }

    /** The registry the counts are kept in. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Observes the Kafka timestamp of every record once its change is persisted in the twin, e.g. to measure
     * produce-to-persisted latency. Called on the pipeline thread: keep it cheap.
     */
    public void onApplied(LongConsumer recordTimestamps) {
        this.appliedRecordTimestamps = recordTimestamps;
    }

    void window(CoalescingScheduler<?, ?> scheduler) {
        this.window = scheduler;
    }

    /** W: merges allowed in flight to Ditto now (the adaptive write window); 0 before ingest is wired. */
    public int writeWindow() {
        return (int) fromWindow(CoalescingScheduler::window);
    }

    /** The largest W so far. */
    public int peakWriteWindow() {
        return (int) fromWindow(CoalescingScheduler::peakWindow);
    }

    /** Merges in flight to Ditto now. */
    public int writesInFlight() {
        return (int) fromWindow(CoalescingScheduler::inFlight);
    }

    /** Things whose update waits for a slot of the write window. */
    public int readyQueueLength() {
        return (int) fromWindow(CoalescingScheduler::readyKeys);
    }

    /** Things with an update waiting or being written. */
    public int pendingTwins() {
        return (int) fromWindow(CoalescingScheduler::activeKeys);
    }

    /** Estimated memory of the patches waiting or being written. */
    public long pendingPatchBytes() {
        return fromWindow(CoalescingScheduler::pendingBytes);
    }

    /** The write window's smoothed round trip (a whole write, retries included), in milliseconds. */
    public double writeRoundTripMillis() {
        CoalescingScheduler<?, ?> s = window;
        return s == null ? 0 : s.roundTripMillis();
    }

    /** A figure of the write window; 0 before ingest is wired. */
    private long fromWindow(ToLongFunction<CoalescingScheduler<?, ?>> figure) {
        CoalescingScheduler<?, ?> s = window;
        return s == null ? 0 : figure.applyAsLong(s);
    }

    /** The tenants that have counts, by id (the one of {@link #UNKNOWN_TENANT} included once it has). */
    public Set<String> tenants() {
        return Collections.unmodifiableSet(tenants.keySet());
    }

    private TenantIngestStats tenant(String id) {
        TenantIngestStats stats = tenants.get(id);
        return stats != null ? stats : tenants.computeIfAbsent(id, t -> new TenantIngestStats(registry, t));
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
        tenant(tenant.value()).staleDrops.increment(features);
    }

    void recordStaleRecord(TenantId tenant) {
        tenant(tenant.value()).staleRecords.increment();
    }

    void recordDittoLatency(TenantId tenant, long nanos) {
        tenant(tenant.value()).dittoRequests.record(nanos, TimeUnit.NANOSECONDS);
    }

    void recordDittoCreateLatency(TenantId tenant, long nanos) {
        tenant(tenant.value()).dittoCreates.record(nanos, TimeUnit.NANOSECONDS);
    }

    void recordDeadLetter(TenantId tenant, String code) {
        tenant(tenant.value()).deadLettered(code).increment();
    }

    /**
     * Merges whose egress acknowledgement failed or did not come in time (424, 408): applied in Ditto, not yet
     * confirmed on the twin-events topic; each was sent again.
     */
    public long egressAckFailures() {
        return (long) egressAckFailures.count();
    }

    /** Records the pipeline took on for this tenant (each once, retries of its decoding not counted again). */
    public long consumed(String tenant) {
        return MeterReads.total(registry, MetricNames.INGEST_CONSUMED, MetricNames.TAG_TENANT, tenant);
    }

    /** Records whose change reached their twin. */
    public long applied() {
        return MeterReads.total(registry, MetricNames.INGEST_APPLIED);
    }

    /** This tenant's records whose change reached their twin. */
    public long applied(String tenant) {
        return MeterReads.total(registry, MetricNames.INGEST_APPLIED, MetricNames.TAG_TENANT, tenant);
    }

    /** Merge commands sent to Ditto, retries included. */
    public long mergesSent() {
        return MeterReads.total(registry, MetricNames.DITTO_MERGES_SENT);
    }

    /** Features left out of updates because the twin held newer state. */
    public long staleDrops() {
        return MeterReads.total(registry, MetricNames.INGEST_STALE_FEATURES);
    }

    /** Records that changed nothing because all of their values were stale. */
    public long staleRecords() {
        return MeterReads.total(registry, MetricNames.INGEST_STALE_RECORDS);
    }

    /** Mean round trip of a Ditto write (merges and creates), in milliseconds, or 0 before the first one. */
    public double meanDittoMillis() {
        return meanMillis(registry.find(MetricNames.DITTO_REQUEST).timers());
    }

    /** Mean round trip of one kind of Ditto write ({@code merge}, {@code create}), in milliseconds, or 0. */
    public double meanDittoMillis(String command) {
        return meanMillis(registry.find(MetricNames.DITTO_REQUEST).tag("command", command).timers());
    }

    private static double meanMillis(java.util.Collection<Timer> timers) {
        long calls = 0;
        double millis = 0;
        for (Timer timer : timers) {
            calls += timer.count();
            millis += timer.totalTime(TimeUnit.MILLISECONDS);
        }
        return calls == 0 ? 0 : millis / calls;
    }

    public long dittoRetries() {
        return (long) dittoRetries.count();
    }

    /** Decodes retried because the schema registry did not answer. */
    public long decodeRetries() {
        return (long) decodeRetries.count();
    }

    public long thingsCreated() {
        return (long) thingsCreated.count();
    }

    public long deadLettered() {
        return MeterReads.total(registry, MetricNames.INGEST_DEAD_LETTERED);
    }

    /**
     * Dead-lettered records by error code, over all tenants. A code starts with its stage
     * ({@code validate.out-of-range}), which {@link io.twinbridge.gateway.result.Failure} guarantees.
     */
    public Map<String, Long> deadLetteredByCode() {
        return MeterReads.byTag(registry, MetricNames.INGEST_DEAD_LETTERED, MetricNames.TAG_CODE);
    }

    /** This tenant's dead-lettered records by error code. */
    public Map<String, Long> deadLetteredByCode(String tenant) {
        return MeterReads.byTag(registry, MetricNames.INGEST_DEAD_LETTERED, MetricNames.TAG_CODE,
                MetricNames.TAG_TENANT, tenant);
    }
}
