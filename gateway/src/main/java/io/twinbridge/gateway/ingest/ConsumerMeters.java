package io.twinbridge.gateway.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.twinbridge.gateway.kafka.IngestConsumerStats;
import io.twinbridge.gateway.metrics.MetricNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer loop's levels as gauges. The loop lives in {@code kafka}, which is transport only and knows no
 * metric names, so ingest, which owns the loop, puts its gauges on the registry; the per-partition gauges (lag,
 * paused) follow the assignment at each {@link #refresh}, before a scrape. The loop's counts are counters of their
 * own ({@link io.twinbridge.gateway.metrics.ConsumerCounters}), which the loop reports to as it goes.
 */
final class ConsumerMeters {
    private final IngestConsumerStats consumer;
    private final Supplier<Set<String>> tenants;
    private final Function<String, Optional<String>> tenantOfTopic;
    private final MultiGauge lag;
    private final MultiGauge paused;

    /**
     * @param tenants       the tenants with counts, each shown with its paused partitions (0 too)
     * @param tenantOfTopic the tenant whose telemetry a topic carries, for the partition meters
     */
    ConsumerMeters(MeterRegistry registry, IngestConsumerStats consumer, Supplier<Set<String>> tenants,
            Function<String, Optional<String>> tenantOfTopic) {
        this.consumer = consumer;
        this.tenants = tenants;
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
    }

    /** Updates the partition gauges to the current assignment. */
    void refresh() {
        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        consumer.lag().forEach((tp, records) -> lagRows.add(MultiGauge.Row.of(partitionTags(tp), records)));
        lag.register(lagRows, true);
        Map<String, Integer> pausedByTenant = new HashMap<>();
        tenants.get().forEach(tenant -> pausedByTenant.put(tenant, 0));
        consumer.paused().forEach(tp -> pausedByTenant.merge(tenantOf(tp.topic()), 1, Integer::sum));
        List<MultiGauge.Row<?>> pausedRows = new ArrayList<>();
        pausedByTenant.forEach((tenant, n) -> pausedRows.add(MultiGauge.Row.of(Tags.of(MetricNames.TAG_TENANT,
                tenant), n)));
        paused.register(pausedRows, true);
    }

    private Tags partitionTags(TopicPartition tp) {
        return Tags.of(MetricNames.TAG_TENANT, tenantOf(tp.topic()), MetricNames.TAG_TOPIC, tp.topic(),
                MetricNames.TAG_PARTITION, Integer.toString(tp.partition()));
    }

    private String tenantOf(String topic) {
        return tenantOfTopic.apply(topic).orElse(IngestStats.UNKNOWN_TENANT);
    }
}
