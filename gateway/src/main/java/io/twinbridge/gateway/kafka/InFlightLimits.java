package io.twinbridge.gateway.kafka;

/**
 * Bounds on unfinished records. A partition is paused while it is over its own bound, and every partition is paused
 * while the total is over the global bound.
 */
public record InFlightLimits(int recordsPerPartition, long bytesPerPartition, int recordsTotal, long bytesTotal) {
    public InFlightLimits {
        if (recordsPerPartition <= 0 || bytesPerPartition <= 0 || recordsTotal <= 0 || bytesTotal <= 0) {
            throw new IllegalArgumentException("in-flight limits must be positive");
        }
    }
}
