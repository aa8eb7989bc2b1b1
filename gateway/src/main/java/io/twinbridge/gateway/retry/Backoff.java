package io.twinbridge.gateway.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with equal jitter: attempt n waits a random time in [d/2, d], where d = initial·2ⁿ capped at
 * max. Half of the delay is kept fixed so that retries never collapse to zero (full jitter would draw from [0, d]).
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff must be at least the initial backoff");
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay before retry number {@code attempt} (0 = first retry). */
    public Duration delay(int attempt) {
        long capMillis = max.toMillis();
        long base = initial.toMillis() << Math.min(attempt, 30);
        long upper = base <= 0 || base > capMillis ? capMillis : base;
        long half = upper / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (upper - half)));
    }
}
