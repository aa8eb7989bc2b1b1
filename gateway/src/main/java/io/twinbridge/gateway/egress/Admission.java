package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.ditto.TwinEvent;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission of events into one tenant's egress: at most {@code max} events wait for Kafka. Past it, an event that
 * requested egress's acknowledgement label is left unacknowledged (Ditto answers its sender 408/424 and ingest
 * retries: backpressure); any other event is dropped, and its thing must be resynchronised.
 */
final class Admission {
    enum Outcome { ADMITTED, WITHHELD, DROPPED }

    private final int max;
    private final Optional<String> ackLabel;
    private final AtomicInteger buffered = new AtomicInteger();

    Admission(int max, Optional<String> ackLabel) {
        this.max = max;
        this.ackLabel = ackLabel;
    }

    /** On the WebSocket's reading thread. An admitted event holds one slot until {@link #release()}. */
    Outcome admit(TwinEvent event) {
        if (buffered.incrementAndGet() <= max) {
            return Outcome.ADMITTED;
        }
        buffered.decrementAndGet();
        return ackLabel.filter(event.requestedAcks()::contains).isPresent() ? Outcome.WITHHELD : Outcome.DROPPED;
    }

    /** Gives back an admitted event's slot; call exactly once per admitted event. */
    void release() {
        buffered.decrementAndGet();
    }

    int buffered() {
        return buffered.get();
    }

    int max() {
        return max;
    }

    /** At most half full: resyncs may add their records. */
    boolean hasRoom() {
        return buffered.get() <= max / 2;
    }
}
