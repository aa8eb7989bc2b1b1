package io.twinbridge.gateway.kafka;

/**
 * Bounds of the consumer's backpressure (issue 12): on what costs memory, not on the count of unfinished records.
 * A record waiting in a coalesced patch costs an offset in {@link PartitionProgress} (two bits), not a record's
 * memory, so a large coalesced backlog is fine; what is bounded is
 * <ul>
 *   <li>{@code maxSpanPerPartition}: offsets from a partition's first unfinished record to its newest consumed one;
 *       the partition is paused at this span, so that one stuck thing cannot grow it without limit;</li>
 *   <li>{@code maxPendingTwins}: distinct things with an update waiting or being written ({@link PendingWork});
 *       every partition is paused at this count;</li>
 *   <li>{@code maxPendingBytes}: memory of those pending patches; every partition is paused at this size.</li>
 * </ul>
 */
public record InFlightLimits(long maxSpanPerPartition, int maxPendingTwins, long maxPendingBytes) {
    public InFlightLimits {
        if (maxSpanPerPartition <= 0 || maxPendingTwins <= 0 || maxPendingBytes <= 0) {
            throw new IllegalArgumentException("in-flight limits must be positive");
        }
    }
}
