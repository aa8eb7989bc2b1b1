package io.twinbridge.gateway.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.twinbridge.gateway.metrics.MetricNames;
import io.twinbridge.gateway.metrics.TenantMeters;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One tenant's ingest counters, registered once with its first record: one Micrometer counter per event, tagged with
 * the tenant (and, for dead letters, the stage and code). Only {@link IngestStats} counts into them.
 */
final class TenantIngestStats {
    /** Buckets of the Ditto round trip: a local sandbox answers in a millisecond, a loaded Ditto in seconds. */
    static final Duration[] DITTO_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final String tenant;
    final Counter consumed;
    final Counter applied;
    final Counter coalesced;
    final Counter mergesSent;
    final Counter staleDrops;
    final Counter staleRecords;
    final Timer dittoRequests;
    final Timer dittoCreates;
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();

    TenantIngestStats(MeterRegistry registry, String tenant) {
        this.registry = registry;
        this.tenant = tenant;
        this.consumed = counter(MetricNames.INGEST_CONSUMED, "Records taken from the telemetry topic");
        this.applied = counter(MetricNames.INGEST_APPLIED, "Records whose change reached the twin");
        this.coalesced = counter(MetricNames.INGEST_COALESCED, "Updates folded into a pending merge of the same thing");
        this.staleRecords = counter(MetricNames.INGEST_STALE_RECORDS,
                "Records whose values were all older than the twin's");
        this.staleDrops = counter(MetricNames.INGEST_STALE_FEATURES,
                "Features left out of merges because the twin held newer state");
        this.mergesSent = counter(MetricNames.DITTO_MERGES_SENT, "Merge commands sent to Ditto, retries included");
        this.dittoRequests = dittoTimer(registry, tenant, "merge");
        this.dittoCreates = dittoTimer(registry, tenant, "create");
    }

    private static Timer dittoTimer(MeterRegistry registry, String tenant, String command) {
        return Timer.builder(MetricNames.DITTO_REQUEST)
                .description("Round trip of a Ditto command, until its twin-persisted answer")
                .tags(MetricNames.TAG_TENANT, tenant, MetricNames.TAG_COMMAND, command)
                .serviceLevelObjectives(DITTO_BUCKETS)
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return TenantMeters.counter(registry, tenant, name, description);
    }

    /** The dead-letter counter of this code, registered with its first dead letter. */
    Counter deadLettered(String code) {
        Counter counter = deadLettered.get(code);
        return counter != null ? counter : deadLettered.computeIfAbsent(code, c -> Counter
                .builder(MetricNames.INGEST_DEAD_LETTERED)
                .description("Records sent to the dead-letter topic")
                .tags(MetricNames.TAG_TENANT, tenant, MetricNames.TAG_STAGE, stageOf(c), MetricNames.TAG_CODE, c)
                .register(registry));
    }

    /** Failure codes start with their stage, e.g. {@code validate.out-of-range}. */
    static String stageOf(String code) {
        int dot = code.indexOf('.');
        return dot > 0 ? code.substring(0, dot) : code;
    }
}
