package io.twinbridge.gateway.egress;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the egress flow, for logs, tests and the benchmark. */
public final class EgressStats {
    /** Twin-event records Kafka confirmed. */
    public final LongAdder eventsPublished = new LongAdder();
    /** State records published after a reconnect or a revision gap. */
    public final LongAdder resyncsPublished = new LongAdder();
    public final LongAdder commandsPublished = new LongAdder();
    /** Desired-property changes that map to no valid command (unknown kind, no binding, invalid value). */
    public final LongAdder commandsRejected = new LongAdder();
    /** Events not published: buffer full without acknowledgements, or Kafka failed. Each one is logged. */
    public final LongAdder eventsDropped = new LongAdder();
    /** Events left unacknowledged because the buffer was full: Ditto answers their sender with a failure. */
    public final LongAdder acksWithheld = new LongAdder();
    public final LongAdder desiredCleared = new LongAdder();

    @Override
    public String toString() {
        return "published=" + eventsPublished + " resyncs=" + resyncsPublished + " commands=" + commandsPublished
                + " commandsRejected=" + commandsRejected + " dropped=" + eventsDropped + " acksWithheld="
                + acksWithheld + " desiredCleared=" + desiredCleared;
    }
}
