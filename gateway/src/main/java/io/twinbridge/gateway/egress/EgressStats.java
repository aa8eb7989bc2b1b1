package io.twinbridge.gateway.egress;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the egress flow, for logs, metrics, tests and the benchmark. The service's instance holds the totals;
 * {@link #tenant} gives each tenant its own instance, whose counts also add up into the totals, so the code that
 * counts stays the same whichever of the two it was handed.
 */
public final class EgressStats {
    /** Twin-event records Kafka confirmed. */
    public final LongAdder eventsPublished;
    /** Resync records (a thing's state, or its deletion) published by the sweeps at start, after a reconnect and periodically, or after a revision gap. */
    public final LongAdder resyncsPublished;
    public final LongAdder commandsPublished;
    /** Desired-property changes that map to no valid command (unknown kind, no binding, invalid value). */
    public final LongAdder commandsRejected;
    /** Events not published: buffer full without acknowledgements, or Kafka failed. Each one is logged. */
    public final LongAdder eventsDropped;
    /** Events left unacknowledged because the buffer was full: Ditto answers their sender with a failure. */
    public final LongAdder acksWithheld;
    public final LongAdder desiredCleared;
    private final Map<String, EgressStats> tenants = new ConcurrentHashMap<>();
    private final boolean total;

    public EgressStats() {
        this.total = true;
        this.eventsPublished = new LongAdder();
        this.resyncsPublished = new LongAdder();
        this.commandsPublished = new LongAdder();
        this.commandsRejected = new LongAdder();
        this.eventsDropped = new LongAdder();
        this.acksWithheld = new LongAdder();
        this.desiredCleared = new LongAdder();
    }

    private EgressStats(EgressStats totals) {
        this.total = false;
        this.eventsPublished = new AddingUp(totals.eventsPublished);
        this.resyncsPublished = new AddingUp(totals.resyncsPublished);
        this.commandsPublished = new AddingUp(totals.commandsPublished);
        this.commandsRejected = new AddingUp(totals.commandsRejected);
        this.eventsDropped = new AddingUp(totals.eventsDropped);
        this.acksWithheld = new AddingUp(totals.acksWithheld);
        this.desiredCleared = new AddingUp(totals.desiredCleared);
    }

    /** The counters of one tenant, created on first use; only the totals instance has them. */
    public EgressStats tenant(String tenantId) {
        if (!total) {
            throw new IllegalStateException("per-tenant counters have no tenants of their own");
        }
        return tenants.computeIfAbsent(tenantId, t -> new EgressStats(this));
    }

    /** Each tenant's counters, by tenant id. */
    public Map<String, EgressStats> byTenant() {
        return Collections.unmodifiableMap(tenants);
    }

    @Override
    public String toString() {
        return "published=" + eventsPublished + " resyncs=" + resyncsPublished + " commands=" + commandsPublished
                + " commandsRejected=" + commandsRejected + " dropped=" + eventsDropped + " acksWithheld="
                + acksWithheld + " desiredCleared=" + desiredCleared;
    }

    /** A tenant's counter that also counts into the total; {@code increment()} and {@code decrement()} call add. */
    private static final class AddingUp extends LongAdder {
        private static final long serialVersionUID = 1L;
        private final LongAdder total;

        AddingUp(LongAdder total) {
            this.total = total;
        }

        @Override
        public void add(long x) {
            super.add(x);
            total.add(x);
        }
    }
}
