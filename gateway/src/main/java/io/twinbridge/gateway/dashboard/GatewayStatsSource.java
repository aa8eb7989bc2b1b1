package io.twinbridge.gateway.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.MeterRegistry;
import io.twinbridge.gateway.ingest.IngestService;
import io.twinbridge.gateway.kafka.IngestConsumerStats;
import io.twinbridge.gateway.metrics.MeterReads;
import io.twinbridge.gateway.metrics.MetricNames;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantSettings;

/**
 * This gateway's ingest and egress counters, in total and per tenant, read from the registry the flows count into,
 * the consumer's paused partitions and lag, and the consumer group's lag from a
 * {@link LagProbe}. A tenant's lag is what this instance's consumer has not fetched yet from the partitions of the
 * tenant's telemetry topic (topic overrides included), so it covers only the partitions this instance owns.
 */
public final class GatewayStatsSource implements StatsSource {
    private final Supplier<Optional<IngestService>> ingestRef;
    private final MeterRegistry meters;
    private final LagProbe lag;
    private final TenantDirectory tenants;
    private final TopicNames topicNames;

    /**
     * @param ingest answers empty until the gateway has created the flow, and when it is disabled
     * @param meters the registry ingest and egress count into
     */
    public GatewayStatsSource(Supplier<Optional<IngestService>> ingest, MeterRegistry meters, LagProbe lag,
                              TenantDirectory tenants, TopicNames topicNames) {
        this.ingestRef = ingest;
        this.meters = meters;
        this.lag = lag;
        this.tenants = tenants;
        this.topicNames = topicNames;
    }

    @Override
    public StatsReading read() {
        Optional<IngestService> ingest = ingestRef.get();
        Optional<IngestConsumerStats> consumer = ingest.map(IngestService::consumerStats);
        Map<String, StatsReading> byTenant = new LinkedHashMap<>();
        for (TenantSettings tenant : tenants.all()) {
            byTenant.put(tenant.id().value(), tenant(tenant, consumer));
        }
        return new StatsReading(
                MeterReads.total(meters, MetricNames.CONSUMER_POLLED),
                MeterReads.total(meters, MetricNames.INGEST_APPLIED),
                MeterReads.byTag(meters, MetricNames.INGEST_DEAD_LETTERED, MetricNames.TAG_CODE),
                MeterReads.total(meters, MetricNames.EGRESS_EVENTS_PUBLISHED),
                MeterReads.total(meters, MetricNames.EGRESS_COMMANDS_PUBLISHED),
                ingest.isPresent() ? lag.latest() : OptionalLong.empty(),
                consumer.map(IngestConsumerStats::pausedPartitions).orElse(0),
                byTenant);
    }

    private StatsReading tenant(TenantSettings tenant, Optional<IngestConsumerStats> consumer) {
        String id = tenant.id().value();
        String topic = tenant.telemetryTopic(topicNames);
        OptionalLong tenantLag = OptionalLong.empty();
        int paused = 0;
        if (consumer.isPresent()) {
            long sum = 0;
            boolean owned = false;
            for (Map.Entry<TopicPartition, Long> entry : consumer.get().lag().entrySet()) {
                if (entry.getKey().topic().equals(topic)) {
                    sum += entry.getValue();
                    owned = true;
                }
            }
            tenantLag = owned ? OptionalLong.of(sum) : OptionalLong.empty();
            paused = (int) consumer.get().paused().stream().filter(tp -> tp.topic().equals(topic)).count();
        }
        return new StatsReading(
                MeterReads.total(meters, MetricNames.INGEST_CONSUMED, MetricNames.TAG_TENANT, id),
                MeterReads.total(meters, MetricNames.INGEST_APPLIED, MetricNames.TAG_TENANT, id),
                MeterReads.byTag(meters, MetricNames.INGEST_DEAD_LETTERED, MetricNames.TAG_CODE,
                        MetricNames.TAG_TENANT, id),
                MeterReads.total(meters, MetricNames.EGRESS_EVENTS_PUBLISHED, MetricNames.TAG_TENANT, id),
                MeterReads.total(meters, MetricNames.EGRESS_COMMANDS_PUBLISHED, MetricNames.TAG_TENANT, id),
                tenantLag, paused, Map.of());
    }
}
