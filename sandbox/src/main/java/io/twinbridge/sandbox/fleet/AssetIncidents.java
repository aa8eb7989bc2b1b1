package io.twinbridge.sandbox.fleet;

import java.time.Duration;
import java.util.Objects;

/**
 * Realistic, recoverable faults of a few assets, so that a live view has something to highlight: once every
 * {@code period}, one turbine of each tenant trips into {@code FAULT} (power 0, a fault code) for {@code duration}
 * and recovers; the tenants take turns, spread evenly over the period. One HVAC unit of the fleet clogs its filter
 * over two periods until it asks for a replacement, which comes {@code duration} and a half later. Simulated time,
 * counted from {@link FleetOptions#start()}; which assets and which fault codes follow from the seed.
 *
 * @param period   time between two turbine faults of one tenant; the filter's clogging cycle is twice as long
 * @param duration how long a turbine stays faulted
 * @param firstAt  when the first tenant's first fault starts ({@link Duration#ZERO}: at once)
 */
public record AssetIncidents(boolean enabled, Duration period, Duration duration, Duration firstAt) {
    public AssetIncidents {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(firstAt, "firstAt");
        if (enabled && (duration.isNegative() || duration.isZero() || duration.compareTo(period) >= 0
                || firstAt.isNegative())) {
            throw new IllegalArgumentException("incidents need 0 < duration < period and firstAt >= 0: " + duration
                    + ", " + period + ", " + firstAt);
        }
    }

    /** No incidents: every asset stays healthy. */
    public static AssetIncidents none() {
        return new AssetIncidents(false, Duration.ofMinutes(2), Duration.ofSeconds(20), Duration.ZERO);
    }

    /**
     * The demo's: a turbine fault of 20 s per tenant every two minutes, the first 45 s in, and a filter replacement
     * every four minutes; at most one asset is highlighted at a time with two tenants.
     */
    public static AssetIncidents demo() {
        return new AssetIncidents(true, Duration.ofMinutes(2), Duration.ofSeconds(20), Duration.ofSeconds(45));
    }

    public AssetIncidents withFirstAt(Duration first) {
        return new AssetIncidents(enabled, period, duration, first);
    }

    public AssetIncidents withTiming(Duration newPeriod, Duration newDuration) {
        return new AssetIncidents(enabled, newPeriod, newDuration, firstAt);
    }

    /** The turbine fault windows of the {@code index}-th of {@code tenants} tenants. */
    Window turbineFaults(int index, int tenants) {
        return new Window(period.toMillis(), duration.toMillis(),
                firstAt.toMillis() + period.toMillis() * index / tenants);
    }

    /** The windows in which the clogging HVAC unit asks for a new filter; the clogging fills the time between. */
    Window filterReplacement() {
        return new Window(2 * period.toMillis(), duration.toMillis() * 3 / 2, firstAt.toMillis()
                + period.toMillis() / 4);
    }

    /** Active for {@code lengthMillis} of every {@code periodMillis}, the first time from {@code offsetMillis}. */
    record Window(long periodMillis, long lengthMillis, long offsetMillis) {
        boolean activeAt(long elapsedMillis) {
            return elapsedMillis >= offsetMillis && phase(elapsedMillis) < lengthMillis;
        }

        /** Time since the current (or last) window started, in [0, period); before the first one: from -period. */
        long phase(long elapsedMillis) {
            return Math.floorMod(elapsedMillis - offsetMillis, periodMillis);
        }

        /** Which window this is (0 = the first), for picking a fault code. */
        long occurrence(long elapsedMillis) {
            return Math.floorDiv(elapsedMillis - offsetMillis, periodMillis);
        }
    }
}
