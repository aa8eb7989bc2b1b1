package io.twinbridge.gateway.dashboard;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Cumulative counters at one instant; the dashboard turns two readings into rates.
 *
 * @param consumed           Kafka records ingest consumed
 * @param applied            records whose change reached their twin
 * @param deadLettered       records sent to a dead-letter topic, by error code
 * @param egressEvents       twin-event records egress published
 * @param egressCommands     command records egress published
 * @param lag                records waiting in the ingest topics, if known: for the totals the consumer group's, for
 *                           a tenant those behind this instance's fetch position in its telemetry partitions
 * @param pausedPartitions   partitions this instance paused for backpressure
 * @param tenants            the same figures per tenant, where a source has them (empty: totals only)
 */
public record StatsReading(long consumed, long applied, Map<String, Long> deadLettered, long egressEvents,
                           long egressCommands, OptionalLong lag, int pausedPartitions,
                           Map<String, StatsReading> tenants) {
    public StatsReading {
        deadLettered = Map.copyOf(deadLettered);
        Objects.requireNonNull(lag, "lag");
        tenants = Map.copyOf(tenants);
    }

    public long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }
}
