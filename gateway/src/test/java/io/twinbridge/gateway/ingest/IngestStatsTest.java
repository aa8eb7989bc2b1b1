package io.twinbridge.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinbridge.gateway.metrics.MetricNames;
import io.twinbridge.gateway.tenant.TenantId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestStatsTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    @Test
    void totalsAreTheSumsOverTheTenants() {
        // given two tenants with different counts
        IngestStats stats = new IngestStats(new SimpleMeterRegistry());
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
        assertEquals(2, stats.applied("acme"));
        assertEquals(Map.of("validate.out-of-range", 1L, "decode.malformed", 1L),
                stats.deadLetteredByCode("globex"));
    }

    @Test
    void recordsOfNoKnownTenantAreCountedUnderUnknown() {
        IngestStats stats = new IngestStats(new SimpleMeterRegistry());
        stats.recordConsumed(IngestStats.UNKNOWN_TENANT);
        assertEquals(1, stats.consumed(IngestStats.UNKNOWN_TENANT));
        assertEquals(0, stats.applied());
        assertEquals(0.0, stats.meanDittoMillis());
    }

    @Test
    void eachEventIsOneCounterOfTheRegistryTaggedWithTenantAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestStats stats = new IngestStats(registry);
        stats.recordDeadLetter(ACME, "validate.out-of-range");
        stats.recordDeadLetter(ACME, "validate.out-of-range");
        stats.recordApplied(GLOBEX, 0);

        assertEquals(2, registry.get(MetricNames.INGEST_DEAD_LETTERED).tags(MetricNames.TAG_TENANT, "acme",
                MetricNames.TAG_STAGE, "validate", MetricNames.TAG_CODE, "validate.out-of-range").counter().count());
        assertEquals(1, registry.get(MetricNames.INGEST_APPLIED).tag(MetricNames.TAG_TENANT, "globex").counter()
                .count());
        assertEquals(java.util.Set.of("acme", "globex"), registry.find(MetricNames.INGEST_APPLIED).counters().stream()
                .map(c -> c.getId().getTag(MetricNames.TAG_TENANT)).collect(java.util.stream.Collectors.toSet()),
                "a tenant's series appear with its first record, and no total series beside them");
    }

    @Test
    void theMeanDittoRoundTripIsOverAllTenants() {
        IngestStats stats = new IngestStats(new SimpleMeterRegistry());
        stats.recordDittoLatency(ACME, 2_000_000);
        stats.recordDittoLatency(GLOBEX, 4_000_000);
        assertEquals(3.0, stats.meanDittoMillis(), 1e-9);
    }
}
