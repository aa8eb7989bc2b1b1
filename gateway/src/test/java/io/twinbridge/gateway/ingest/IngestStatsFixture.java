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

    /** Records a Ditto round trip, which reaches the latency listener a binder installed. */
    public static void dittoRoundTrip(IngestStats stats, String tenantId, long nanos) {
        stats.recordDittoLatency(TenantId.of(tenantId), nanos);
    }
}
