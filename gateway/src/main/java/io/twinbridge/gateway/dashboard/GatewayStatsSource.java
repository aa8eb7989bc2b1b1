package io.twinbridge.gateway.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;

import io.twinbridge.gateway.egress.EgressService;
import io.twinbridge.gateway.egress.EgressStats;
import io.twinbridge.gateway.ingest.IngestService;
import io.twinbridge.gateway.ingest.TenantIngestStats;
import io.twinbridge.gateway.kafka.IngestConsumerStats;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantSettings;

/**
 * This gateway's ingest and egress counters, in total and per tenant, and the consumer group's lag from a
 * {@link LagProbe}. A tenant's lag is what this instance's consumer has not fetched yet from the partitions of the
 * tenant's telemetry topic (topic overrides included), so it covers only the partitions this instance owns.
 */
public final class GatewayStatsSource implements StatsSource {
    private final Supplier<Optional<IngestService>> ingestRef;
    private final Supplier<Optional<EgressService>> egressRef;
    private final LagProbe lag;
    private final TenantDirectory tenants;
    private final TopicNames topicNames;

    /** The suppliers answer empty until the gateway has created the flow, and when it is disabled. */
    public GatewayStatsSource(Supplier<Optional<IngestService>> ingest, Supplier<Optional<EgressService>> egress,
                              LagProbe lag, TenantDirectory tenants, TopicNames topicNames) {
        this.ingestRef = ingest;
        this.egressRef = egress;
        this.lag = lag;
        this.tenants = tenants;
        this.topicNames = topicNames;
    }

    @Override
    public StatsReading read() {
        Optional<IngestService> ingest = ingestRef.get();
        Optional<EgressService> egress = egressRef.get();
        Optional<IngestConsumerStats> consumer = ingest.map(IngestService::consumerStats);
        Map<String, StatsReading> byTenant = new LinkedHashMap<>();
        for (TenantSettings tenant : tenants.all()) {
            byTenant.put(tenant.id().value(), tenant(tenant, ingest, egress, consumer));
        }
        return new StatsReading(
                consumer.map(IngestConsumerStats::consumed).orElse(0L),
                ingest.map(s -> s.stats().applied()).orElse(0L),
                ingest.map(s -> s.stats().deadLetteredByCode()).orElse(Map.of()),
                egress.map(s -> s.stats().eventsPublished.sum()).orElse(0L),
                egress.map(s -> s.stats().commandsPublished.sum()).orElse(0L),
                ingest.isPresent() ? lag.latest() : OptionalLong.empty(),
                consumer.map(IngestConsumerStats::pausedPartitions).orElse(0),
                byTenant);
    }

    private StatsReading tenant(TenantSettings tenant, Optional<IngestService> ingest,
                                Optional<EgressService> egress, Optional<IngestConsumerStats> consumer) {
        String id = tenant.id().value();
        Optional<TenantIngestStats> in = ingest.map(s -> s.stats().byTenant().get(id));
        Optional<EgressStats> out = egress.map(s -> s.stats().byTenant().get(id));
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
                in.map(TenantIngestStats::consumed).orElse(0L),
                in.map(TenantIngestStats::applied).orElse(0L),
                in.map(TenantIngestStats::deadLetteredByCode).orElse(Map.of()),
                out.map(s -> s.eventsPublished.sum()).orElse(0L),
                out.map(s -> s.commandsPublished.sum()).orElse(0L),
                tenantLag, paused, Map.of());
    }
}
