package io.twinbridge.gateway.kafka;

/**
 * What the records handed on cost downstream, for backpressure: the consumer pauses while either is over its bound
 * ({@link InFlightLimits}). Read from the consumer thread; implementations answer from volatile figures.
 */
public interface PendingWork {
    /** Nothing is tracked downstream: only the span per partition bounds the consumer. */
    PendingWork NONE = new PendingWork() {
        @Override
        public int pendingTwins() {
            return 0;
        }

        @Override
        public long pendingBytes() {
            return 0;
        }
    };

    /** Distinct things with an update waiting or being written. */
    int pendingTwins();

    /** Memory of the patches waiting or being written. */
    long pendingBytes();
}
