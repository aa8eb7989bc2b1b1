package io.twinbridge.sandbox.fleet;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Limits the send rate: tokens refill continuously at {@code ratePerSecond} up to {@code burst}; each record takes
 * one. Not thread-safe; one producer loop owns it.
 */
final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    TokenBucket(double ratePerSecond, double burst, LongSupplier nanoClock) {
        if (!(ratePerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes a token if one is there; otherwise returns how many nanoseconds until one will be. */
    long tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    /** Waits for and takes a token. Pacing, not synchronisation: parking is the point. */
    void take() {
        long wait;
        while ((wait = tryTake()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
    }
}
