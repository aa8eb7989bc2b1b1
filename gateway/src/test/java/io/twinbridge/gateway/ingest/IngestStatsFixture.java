package io.twinbridge.gateway.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.twinbridge.gateway.kafka.IngestConsumerStats;
import io.twinbridge.gateway.metrics.ConsumerCounters;
import io.twinbridge.gateway.tenant.TenantId;
import java.util.Optional;

/** Ingest counters with one of everything counted, for tests of the meters outside this package. */
public final class IngestStatsFixture {
    private IngestStatsFixture() {
    }

    public static IngestStats oneOfEach(MeterRegistry registry, String tenantId) {
        TenantId tenant = TenantId.of(tenantId);
        IngestStats stats = new IngestStats(registry);
        stats.recordConsumed(tenantId);
        stats.recordApplied(tenant, 0);
        stats.recordCoalesced(tenant);
        stats.recordMergeSent(tenant);
        stats.recordStaleDrops(tenant, 1);
        stats.recordStaleRecord(tenant);
        stats.recordDeadLetter(tenant, "validate.out-of-range");
        return stats;
    }

    /**
     * Ingest counters where every figure has a count of its own (consumed 9, applied 8, coalesced 3, merges sent 5,
     * stale features 4, stale records 2, dead letters 6 of one code 1 of another), so a meter reading the wrong
     * figure shows.
     */
    public static IngestStats distinctCounts(MeterRegistry registry, String tenantId) {
        TenantId tenant = TenantId.of(tenantId);
        IngestStats stats = new IngestStats(registry);
        repeat(9, () -> stats.recordConsumed(tenantId));
        repeat(8, () -> stats.recordApplied(tenant, 0));
        repeat(3, () -> stats.recordCoalesced(tenant));
        repeat(5, () -> stats.recordMergeSent(tenant));
        stats.recordStaleDrops(tenant, 4);
        repeat(2, () -> stats.recordStaleRecord(tenant));
        repeat(6, () -> stats.recordDeadLetter(tenant, "validate.out-of-range"));
        stats.recordDeadLetter(tenant, "decode.malformed");
        stats.decodeRetries.increment(21);
        stats.thingsCreated.increment(22);
        stats.dittoRetries.increment(23);
        stats.egressAckFailures.increment(24);
        stats.createsFirst.increment(25);
        return stats;
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }

    /**
     * Puts the consumer's figures on the registry, as ingest does; the returned refresher brings the partition gauges
     * up to date, as before a scrape.
     */
    public static Runnable consumerMeters(MeterRegistry registry, IngestConsumerStats consumer, IngestStats stats,
            String tenant) {
        new ConsumerCounters(registry);
        return new ConsumerMeters(registry, consumer, stats::tenants, topic -> Optional.of(tenant))::refresh;
    }

    /** Records a Ditto round trip of a merge. */
    public static void dittoRoundTrip(IngestStats stats, String tenantId, long nanos) {
        stats.recordDittoLatency(TenantId.of(tenantId), nanos);
    }
}
