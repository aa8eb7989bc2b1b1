package io.twinbridge.gateway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.twinbridge.gateway.egress.EgressStats;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/** Counters over each tenant's {@link EgressStats}; a tenant's meters appear once it has counters. */
final class EgressMeters {
    private final MeterRegistry registry;
    private final EgressStats stats;
    private final Set<String> boundTenants = ConcurrentHashMap.newKeySet();

    EgressMeters(MeterRegistry registry, EgressStats stats) {
        this.registry = registry;
        this.stats = stats;
    }

    void refresh() {
        stats.byTenant().forEach((tenant, counts) -> {
            if (boundTenants.add(tenant)) {
                Tags tags = Tags.of(MetricNames.TAG_TENANT, tenant);
                counter(MetricNames.EGRESS_EVENTS_PUBLISHED, "Twin-event records Kafka confirmed", tags, counts,
                        c -> c.eventsPublished);
                counter(MetricNames.EGRESS_RESYNCS_PUBLISHED, "State records published after a reconnect or gap", tags,
                        counts, c -> c.resyncsPublished);
                counter(MetricNames.EGRESS_EVENTS_DROPPED, "Twin events not published (buffer full or Kafka failed)",
                        tags, counts, c -> c.eventsDropped);
                counter(MetricNames.EGRESS_COMMANDS_PUBLISHED, "Device commands Kafka confirmed", tags, counts,
                        c -> c.commandsPublished);
                counter(MetricNames.EGRESS_COMMANDS_REJECTED, "Desired-property changes that map to no valid command",
                        tags, counts, c -> c.commandsRejected);
                counter(MetricNames.EGRESS_ACKS_WITHHELD, "Twin events not acknowledged because the buffer was full",
                        tags, counts, c -> c.acksWithheld);
                counter(MetricNames.EGRESS_DESIRED_CLEARED, "Desired properties cleared once reported", tags, counts,
                        c -> c.desiredCleared);
            }
        });
    }

    private void counter(String name, String description, Tags tags, EgressStats counts,
            Function<EgressStats, LongAdder> adder) {
        FunctionCounter.builder(name, counts, c -> adder.apply(c).sum()).description(description).tags(tags)
                .register(registry);
    }
}
