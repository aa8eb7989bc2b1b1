package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.tenant.TenantId;

/** Ingest counters with one of everything counted, for tests of the meters outside this package. */
public final class IngestStatsFixture {
    private IngestStatsFixture() {
    }

    public static IngestStats oneOfEach(String tenantId) {
        TenantId tenant = TenantId.of(tenantId);
        IngestStats stats = new IngestStats();
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
    public static IngestStats distinctCounts(String tenantId) {
        TenantId tenant = TenantId.of(tenantId);
        IngestStats stats = new IngestStats();
        repeat(9, () -> stats.recordConsumed(tenantId));
        repeat(8, () -> stats.recordApplied(tenant, 0));
        repeat(3, () -> stats.recordCoalesced(tenant));
        repeat(5, () -> stats.recordMergeSent(tenant));
        stats.recordStaleDrops(tenant, 4);
        repeat(2, () -> stats.recordStaleRecord(tenant));
        repeat(6, () -> stats.recordDeadLetter(tenant, "validate.out-of-range"));
        stats.recordDeadLetter(tenant, "decode.malformed");
        stats.decodeRetries.add(21);
        stats.thingsCreated.add(22);
        stats.dittoRetries.add(23);
        stats.egressAckFailures.add(24);
        return stats;
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }

    /** Records a Ditto round trip, which reaches the latency listener a binder installed. */
    public static void dittoRoundTrip(IngestStats stats, String tenantId, long nanos) {
        stats.recordDittoLatency(TenantId.of(tenantId), nanos);
    }
}
