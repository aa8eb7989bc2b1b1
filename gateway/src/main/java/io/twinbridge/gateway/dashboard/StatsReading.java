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

    /**
     * The same reading as seen by someone who may read only {@code visible} tenants: only their figures, and totals
     * that are their sums. Unchanged when every tenant of the reading is visible (the totals then also count what no
     * tenant owns, such as the consumer group's lag on all partitions).
     */
    public StatsReading restrictedTo(java.util.Set<String> visible) {
        if (visible.containsAll(tenants.keySet())) {
            return this;
        }
        Map<String, StatsReading> shown = new java.util.TreeMap<>();
        tenants.forEach((tenant, reading) -> {
            if (visible.contains(tenant)) {
                shown.put(tenant, reading);
            }
        });
        Map<String, Long> byCode = new java.util.HashMap<>();
        shown.values().forEach(r -> r.deadLettered().forEach((code, n) -> byCode.merge(code, n, Long::sum)));
        OptionalLong lagSum = shown.values().stream().map(StatsReading::lag).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).reduce(Long::sum).stream().mapToObj(OptionalLong::of)
                .findFirst().orElse(OptionalLong.empty());
        return new StatsReading(
                shown.values().stream().mapToLong(StatsReading::consumed).sum(),
                shown.values().stream().mapToLong(StatsReading::applied).sum(),
                byCode,
                shown.values().stream().mapToLong(StatsReading::egressEvents).sum(),
                shown.values().stream().mapToLong(StatsReading::egressCommands).sum(),
                lagSum,
                shown.values().stream().mapToInt(StatsReading::pausedPartitions).sum(),
                shown);
    }

    public long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }
}
