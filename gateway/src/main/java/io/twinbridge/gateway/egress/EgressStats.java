package io.twinbridge.gateway.egress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinbridge.gateway.metrics.MetricNames;
import io.twinbridge.gateway.metrics.TenantMeters;

/**
 * One tenant's egress counters: one Micrometer counter per event, tagged with the tenant, on the gateway's registry
 * (as Hono's {@code MicrometerBasedMetrics} counts). The code that counts increments them; totals and the dashboard
 * read the registry ({@link io.twinbridge.gateway.metrics.MeterReads}). A tenant added again finds its counters.
 */
public final class EgressStats {
    /** Twin-event records Kafka confirmed. */
    public final Counter eventsPublished;
    /**
     * Resync records (a thing's state, or its deletion) published by the sweeps at start, after a reconnect and
     * periodically, or after a revision gap.
     */
    public final Counter resyncsPublished;
    public final Counter commandsPublished;
    /** Desired-property changes that map to no valid command (unknown kind, no binding, invalid value). */
    public final Counter commandsRejected;
    /** Events not published: buffer full without acknowledgements, or Kafka failed. Each one is logged. */
    public final Counter eventsDropped;
    /** Events left unacknowledged because the buffer was full: Ditto answers their sender with a failure. */
    public final Counter acksWithheld;
    public final Counter desiredCleared;

    public EgressStats(MeterRegistry registry, String tenant) {
        this.eventsPublished = TenantMeters.counter(registry, tenant, MetricNames.EGRESS_EVENTS_PUBLISHED,
                "Twin-event records Kafka confirmed");
        this.resyncsPublished = TenantMeters.counter(registry, tenant, MetricNames.EGRESS_RESYNCS_PUBLISHED,
                "State records published after a reconnect or gap");
        this.eventsDropped = TenantMeters.counter(registry, tenant, MetricNames.EGRESS_EVENTS_DROPPED,
                "Twin events not published (buffer full or Kafka failed)");
        this.commandsPublished = TenantMeters.counter(registry, tenant, MetricNames.EGRESS_COMMANDS_PUBLISHED,
                "Device commands Kafka confirmed");
        this.commandsRejected = TenantMeters.counter(registry, tenant, MetricNames.EGRESS_COMMANDS_REJECTED,
                "Desired-property changes that map to no valid command");
        this.acksWithheld = TenantMeters.counter(registry, tenant, MetricNames.EGRESS_ACKS_WITHHELD,
                "Twin events not acknowledged because the buffer was full");
        this.desiredCleared = TenantMeters.counter(registry, tenant, MetricNames.EGRESS_DESIRED_CLEARED,
                "Desired properties cleared once reported");
    }

    @Override
    public String toString() {
        return "published=" + (long) eventsPublished.count() + " resyncs=" + (long) resyncsPublished.count()
                + " commands=" + (long) commandsPublished.count() + " commandsRejected="
                + (long) commandsRejected.count() + " dropped=" + (long) eventsDropped.count() + " acksWithheld="
                + (long) acksWithheld.count() + " desiredCleared=" + (long) desiredCleared.count();
    }
}
