package io.twinbridge.gateway.dashboard;

/**
 * Where the dashboard's figures come from. Read once a second on the dashboard's thread, so an implementation
 * must answer from counters at hand and never block (fetch anything remote in the background).
 */
@FunctionalInterface
public interface StatsSource {
    StatsReading read();
}
