package io.twinbridge.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twinbridge.gateway.tenant.TenantId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestStatsTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    @Test
    void totalsAreTheSumsOverTheTenants() {
        // given two tenants with different counts
        IngestStats stats = new IngestStats();
        stats.recordApplied(ACME, 0);
        stats.recordApplied(ACME, 0);
        stats.recordApplied(GLOBEX, 0);
        stats.recordMergeSent(ACME);
        stats.recordStaleDrops(ACME, 2);
        stats.recordStaleDrops(GLOBEX, 3);
        stats.recordStaleRecord(GLOBEX);
        stats.recordDeadLetter(ACME, "validate.out-of-range");
        stats.recordDeadLetter(GLOBEX, "validate.out-of-range");
        stats.recordDeadLetter(GLOBEX, "decode.malformed");

        // then the totals add up the tenants' counts, and each tenant keeps its own
        assertEquals(3, stats.applied());
        assertEquals(1, stats.mergesSent());
        assertEquals(5, stats.staleDrops());
        assertEquals(1, stats.staleRecords());
        assertEquals(3, stats.deadLettered());
        assertEquals(Map.of("validate.out-of-range", 2L, "decode.malformed", 1L), stats.deadLetteredByCode());
        assertEquals(2, stats.byTenant().get("acme").applied());
        assertEquals(Map.of("validate.out-of-range", 1L, "decode.malformed", 1L),
                stats.byTenant().get("globex").deadLetteredByCode());
    }

    @Test
    void recordsOfNoKnownTenantAreCountedUnderUnknown() {
        IngestStats stats = new IngestStats();
        stats.recordConsumed(IngestStats.UNKNOWN_TENANT);
        assertEquals(1, stats.byTenant().get(IngestStats.UNKNOWN_TENANT).consumed());
        assertEquals(0, stats.applied());
        assertEquals(0.0, stats.meanDittoMillis());
    }

    @Test
    void theMeanDittoRoundTripIsOverAllTenants() {
        IngestStats stats = new IngestStats();
        stats.recordDittoLatency(ACME, 2_000_000);
        stats.recordDittoLatency(GLOBEX, 4_000_000);
        assertEquals(3.0, stats.meanDittoMillis(), 1e-9);
    }
}
