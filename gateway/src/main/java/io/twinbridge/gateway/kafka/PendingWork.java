package io.twinbridge.gateway.kafka;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What the records handed on cost downstream, for backpressure: the consumer pauses while either is over its bound
 * ({@link InFlightLimits}). Read from the consumer thread; implementations answer from volatile figures.
 */
public interface PendingWork {
    /** Nothing is tracked downstream: only the span per partition bounds the consumer. */
    PendingWork NONE = of(() -> 0, () -> 0);

    /** The pending work as these two figures read it. */
    static PendingWork of(IntSupplier twins, LongSupplier bytes) {
        return new PendingWork() {
            @Override
            public int pendingTwins() {
                return twins.getAsInt();
            }

            @Override
            public long pendingBytes() {
                return bytes.getAsLong();
            }
        };
    }

    /** Distinct things with an update waiting or being written. */
    int pendingTwins();

    /** Memory of the patches waiting or being written. */
    long pendingBytes();
}
