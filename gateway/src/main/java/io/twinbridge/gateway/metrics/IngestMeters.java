package io.twinbridge.gateway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.twinbridge.gateway.ingest.IngestStats;
import io.twinbridge.gateway.ingest.TenantIngestStats;
import io.twinbridge.gateway.kafka.IngestConsumerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Meters over the ingest counters. The flows count into {@link IngestStats} and {@link IngestConsumerStats}; the
 * counters here only read them, and a tenant's meters appear with its first record ({@link #refresh}, before each
 * scrape). The Ditto latency histogram is the one meter fed directly, by {@link IngestStats#onDittoLatency}.
 */
final class IngestMeters {
    /** Buckets of the Ditto round trip: a local sandbox answers in a millisecond, a loaded Ditto in seconds. */
    static final Duration[] DITTO_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final IngestStats stats;
    private final IngestConsumerStats consumer;
    private final Function<String, Optional<String>> tenantOfTopic;
    private final Set<String> boundTenants = ConcurrentHashMap.newKeySet();
    private final Set<String> boundCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, Timer> dittoTimers = new ConcurrentHashMap<>();
    private final MultiGauge lag;
    private final MultiGauge paused;

    /** @param tenantOfTopic the tenant whose telemetry a topic carries, for the partition meters */
    IngestMeters(MeterRegistry registry, IngestStats stats, IngestConsumerStats consumer,
            Function<String, Optional<String>> tenantOfTopic) {
        this.registry = registry;
        this.stats = stats;
        this.consumer = consumer;
        this.tenantOfTopic = tenantOfTopic;
        this.lag = MultiGauge.builder(MetricNames.CONSUMER_LAG).baseUnit(MetricNames.RECORDS)
                .description("Records behind the end of the partition, from the consumer's fetch position")
                .register(registry);
        this.paused = MultiGauge.builder(MetricNames.CONSUMER_PAUSED).baseUnit(MetricNames.PARTITIONS)
                .description("Partitions paused by backpressure").register(registry);
        Gauge.builder(MetricNames.CONSUMER_ASSIGNED, consumer, IngestConsumerStats::assignedPartitions)
                .baseUnit(MetricNames.PARTITIONS).description("Partitions this instance owns").register(registry);
        Gauge.builder(MetricNames.CONSUMER_IN_FLIGHT, consumer, IngestConsumerStats::inFlightRecords)
                .baseUnit(MetricNames.RECORDS).description("Records fetched and not finished yet").register(registry);
        Gauge.builder(MetricNames.INGEST_WRITE_WINDOW, stats, IngestStats::writeWindow).baseUnit(MetricNames.MERGES)
                .description("W: merges allowed in flight to Ditto now; adapts to Ditto's round trip")
                .register(registry);
        Gauge.builder(MetricNames.INGEST_READY_QUEUE, stats, IngestStats::readyQueueLength)
                .baseUnit(MetricNames.THINGS).description("Things whose update waits for a slot of the write window")
                .register(registry);
        Gauge.builder(MetricNames.INGEST_WRITE_ROUND_TRIP, stats, s -> s.writeRoundTripMillis() / 1000)
                .baseUnit("seconds").description("Smoothed round trip of a write (merge, with creation and retries)")
                .register(registry);
        Gauge.builder(MetricNames.INGEST_PENDING_TWINS, stats, IngestStats::pendingTwins)
                .baseUnit(MetricNames.THINGS).description("Things with an update waiting or being written")
                .register(registry);
        Gauge.builder(MetricNames.INGEST_PENDING_BYTES, stats, IngestStats::pendingPatchBytes)
                .baseUnit("bytes").description("Estimated memory of the patches waiting or being written")
                .register(registry);
        stats.onDittoLatency((tenant, nanos) -> dittoTimer(tenant).record(nanos, TimeUnit.NANOSECONDS));
        // counted for the whole gateway, not per tenant
        gatewayCounter(MetricNames.INGEST_DECODE_RETRIES, "Decodes retried (schema registry unreachable)",
                IngestStats::decodeRetries);
        gatewayCounter(MetricNames.INGEST_THINGS_PROVISIONED, "Twins created for devices seen the first time",
                IngestStats::thingsCreated);
        gatewayCounter(MetricNames.DITTO_WRITE_RETRIES, "Writes to Ditto retried after a transient failure",
                IngestStats::dittoRetries);
        gatewayCounter(MetricNames.DITTO_EGRESS_ACK_FAILURES, "Merges Ditto answered 408/424: egress did not confirm",
                IngestStats::egressAckFailures);
    }

    private void gatewayCounter(String name, String description, ToDoubleFunction<IngestStats> read) {
        FunctionCounter.builder(name, stats, read).description(description).register(registry);
    }

    /** Registers the meters of tenants and error codes seen since the last call, and updates the partition gauges. */
    void refresh() {
        stats.byTenant().forEach((tenant, counts) -> {
            if (boundTenants.add(tenant)) {
                bindTenant(tenant, counts);
            }
            counts.deadLetteredByCode().keySet().forEach(code -> {
                if (boundCodes.add(tenant + "\u0000" + code)) {
                    FunctionCounter.builder(MetricNames.INGEST_DEAD_LETTERED, counts, c -> c.deadLettered(code))
                            .description("Records sent to the dead-letter topic")
                            .tags(Tags.of(MetricNames.TAG_TENANT, tenant, MetricNames.TAG_STAGE, stageOf(code),
                                    MetricNames.TAG_CODE, code))
                            .register(registry);
                }
            });
        });
        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        consumer.lag().forEach((tp, records) -> lagRows.add(MultiGauge.Row.of(partitionTags(tp), records)));
        lag.register(lagRows, true);
        Map<String, Integer> pausedByTenant = new HashMap<>();
        stats.byTenant().keySet().forEach(tenant -> pausedByTenant.put(tenant, 0));
        consumer.paused().forEach(tp -> pausedByTenant.merge(tenantOf(tp.topic()), 1, Integer::sum));
        List<MultiGauge.Row<?>> pausedRows = new ArrayList<>();
        pausedByTenant.forEach((tenant, n) -> pausedRows.add(MultiGauge.Row.of(Tags.of(MetricNames.TAG_TENANT,
                tenant), n)));
        paused.register(pausedRows, true);
    }

    private void bindTenant(String tenant, TenantIngestStats counts) {
        Tags tags = Tags.of(MetricNames.TAG_TENANT, tenant);
        counter(MetricNames.INGEST_CONSUMED, "Records taken from the telemetry topic", tags, counts,
                TenantIngestStats::consumed);
        counter(MetricNames.INGEST_APPLIED, "Records whose change reached the twin", tags, counts,
                TenantIngestStats::applied);
        counter(MetricNames.INGEST_COALESCED, "Updates folded into a pending merge of the same thing", tags, counts,
                TenantIngestStats::coalesced);
        counter(MetricNames.INGEST_STALE_RECORDS, "Records whose values were all older than the twin's", tags, counts,
                TenantIngestStats::staleRecords);
        counter(MetricNames.INGEST_STALE_FEATURES, "Features left out of merges because the twin held newer state",
                tags, counts, TenantIngestStats::staleDrops);
        counter(MetricNames.DITTO_MERGES_SENT, "Merge commands sent to Ditto, retries included", tags, counts,
                TenantIngestStats::mergesSent);
    }

    private void counter(String name, String description, Tags tags, TenantIngestStats counts,
            ToDoubleFunction<TenantIngestStats> read) {
        FunctionCounter.builder(name, counts, read).description(description).tags(tags).register(registry);
    }

    private Timer dittoTimer(String tenant) {
        Timer timer = dittoTimers.get(tenant);
        return timer != null ? timer : dittoTimers.computeIfAbsent(tenant, t -> Timer.builder(MetricNames.DITTO_REQUEST)
                .description("Round trip of a Ditto command, until its twin-persisted answer")
                .tags(MetricNames.TAG_TENANT, t, MetricNames.TAG_COMMAND, "merge")
                .serviceLevelObjectives(DITTO_BUCKETS)
                .register(registry));
    }

    private Tags partitionTags(TopicPartition tp) {
        return Tags.of(MetricNames.TAG_TENANT, tenantOf(tp.topic()), MetricNames.TAG_TOPIC, tp.topic(),
                MetricNames.TAG_PARTITION, Integer.toString(tp.partition()));
    }

    private String tenantOf(String topic) {
        return tenantOfTopic.apply(topic).orElse(IngestStats.UNKNOWN_TENANT);
    }

    /** Failure codes start with their stage, e.g. {@code validate.out-of-range}. */
    static String stageOf(String code) {
        int dot = code.indexOf('.');
        return dot > 0 ? code.substring(0, dot) : code;
    }
}
