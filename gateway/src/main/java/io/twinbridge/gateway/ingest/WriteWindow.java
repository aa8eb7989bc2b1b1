package io.twinbridge.gateway.ingest;

/**
 * How many writes may be in flight to Ditto at once (W), adapted to the measured round trip in the manner of Netflix
 * concurrency-limits' {@code Gradient2Limit} (and TCP Vegas): it compares the mean round trip of the last batch of
 * about W answers (about one round trip) with the unloaded one, the smallest seen. While the round trip stays within
 * {@value #TOLERANCE} times the unloaded one, Ditto is not queueing much and W grows; beyond, W shrinks in proportion
 * ({@code W * tolerance / ratio}, at most by half per round trip). So W settles at the knee of the twin service
 * (up to the tolerance past it), and the backlog waits in the gateway, where it coalesces, instead of inside Ditto.
 *
 * <p>W grows only while the window is at least half used, so an idle gateway does not inflate it. The unloaded round
 * trip is re-learnt every {@value #PROBE_SAMPLES} samples (the smallest of the last period), so a twin service that
 * became slower for good is measured anew and W is not driven to its floor.
 *
 * <p>Not thread-safe: one owner thread (the scheduler's).
 */
public final class WriteWindow {
    static final int PROBE_SAMPLES = 5_000;
    /**
     * How far the round trip may rise above the unloaded one before W shrinks (Gradient2Limit's {@code rttTolerance},
     * whose default is 1.5). A Vegas queue estimate of a few writes kept W at 5 to 21 in the 1,000,000-event bench on
     * a loaded 2-core machine, where scheduling noise alone doubles round trips, while a naive client with 1,000
     * merges in flight got nine times the merges out of the same sandbox; issue 12 allows 4 times the unloaded round
     * trip.
     */
    static final double TOLERANCE = 2.0;
    /** Fewest answers W is adapted on: below, a batch mean is mostly noise. */
    static final int MIN_BATCH = 8;
    /** Weight of a new sample in the smoothed round trip. */
    private static final double SMOOTHING = 0.1;

    private final int min;
    private final int max;
    private double limit;
    private long minRttNanos = Long.MAX_VALUE;
    private long periodMinRttNanos = Long.MAX_VALUE;
    private double smoothedRttNanos;
    private int samples;
    private int batchSamples;
    private double batchRttNanos;
    private int batchMaxInFlight;
    private int peak;

    /** @param initial W at start, between {@code min} and {@code max} */
    public WriteWindow(int min, int initial, int max) {
        if (min < 1 || initial < min || max < initial) {
            throw new IllegalArgumentException("need 1 <= min <= initial <= max: " + min + ", " + initial + ", " + max);
        }
        this.min = min;
        this.max = max;
        this.limit = initial;
        this.peak = initial;
    }

    /** W: how many writes may be in flight now. */
    public int limit() {
        return (int) limit;
    }

    /** The largest W so far. */
    public int peak() {
        return peak;
    }

    /** The smoothed round trip, in nanoseconds; 0 before the first sample. */
    public double smoothedRttNanos() {
        return smoothedRttNanos;
    }

    /** The unloaded round trip, in nanoseconds: the smallest seen in the current period; 0 before the first. */
    public long minRttNanos() {
        return minRttNanos == Long.MAX_VALUE ? 0 : minRttNanos;
    }

    /**
     * One write answered. W changes once per batch of about W answers, i.e. about once per round trip, from the mean
     * round trip of the batch: per answer, W would grow by W per round trip, overshoot the knee before the first
     * longer round trip is seen, and then shrink to its floor while Ditto drains the queue it was given.
     *
     * @param rttNanos its round trip
     * @param inFlight writes that were in flight when it was sent (itself included)
     */
    public void onSample(long rttNanos, int inFlight) {
        long rtt = Math.max(1, rttNanos);
        smoothedRttNanos = smoothedRttNanos == 0 ? rtt : smoothedRttNanos + SMOOTHING * (rtt - smoothedRttNanos);
        if (++samples % PROBE_SAMPLES == 0 && periodMinRttNanos != Long.MAX_VALUE) {
            minRttNanos = periodMinRttNanos;
            periodMinRttNanos = Long.MAX_VALUE;
        }
        batchRttNanos += rtt;
        batchMaxInFlight = Math.max(batchMaxInFlight, inFlight);
        if (++batchSamples < Math.max(MIN_BATCH, limit())) {
            return;
        }
        double meanRtt = batchRttNanos / (double) batchSamples;
        // the unloaded round trip is the best batch mean, not the single fastest answer: on a shared machine one
        // answer can be many times faster than any batch, and a baseline of outliers would hold W at its floor
        minRttNanos = Math.min(minRttNanos, (long) meanRtt);
        periodMinRttNanos = Math.min(periodMinRttNanos, (long) meanRtt);
        boolean used = batchMaxInFlight * 2 >= limit;
        batchRttNanos = 0;
        batchSamples = 0;
        batchMaxInFlight = 0;
        double ratio = meanRtt / Math.max(1, minRttNanos);
        if (ratio <= TOLERANCE) {
            if (used) {
                // Ditto keeps its round trip: grow by a tenth per round trip (at least one), as a slow start
                limit = Math.min(max, limit + Math.max(1, limit / 10));
            }
        } else {
            // the round trip rose past the tolerance: shrink in proportion, by at most half per round trip
            limit = Math.max(min, limit * Math.max(0.5, TOLERANCE / ratio));
        }
        peak = Math.max(peak, limit());
    }
}
