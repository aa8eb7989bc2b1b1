package io.twinbridge.gateway.kafka;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The levels of the consumer loop (what is paused, assigned, in flight, lagging and committed right now), read by
 * gauges, the dashboard and tests from any thread. Its events (records consumed and finished, partitions paused) are
 * not kept here: the loop reports them to its {@link ConsumerEvents}, which counts them once, in the registry.
 */
public final class IngestConsumerStats {
    volatile int pausedPartitions;
    volatile int inFlightRecords;
    volatile int assignedPartitions;
    volatile Set<TopicPartition> paused = Set.of();
    volatile Map<TopicPartition, Long> lag = Map.of();
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

    void recordCommit(TopicPartition tp, long offset) {
        committed.merge(tp, offset, Math::max);
    }

    public int pausedPartitions() {
        return pausedPartitions;
    }

    /** The partitions paused by backpressure right now. */
    public Set<TopicPartition> paused() {
        return paused;
    }

    /**
     * Records behind the end of each assigned partition, counted from the consumer's fetch position (Kafka's own
     * {@code records-lag}); refreshed about once a second. Records fetched but not finished are in
     * {@link #inFlightRecords()}.
     */
    public Map<TopicPartition, Long> lag() {
        return lag;
    }

    /** Partitions this instance owns right now. */
    public int assignedPartitions() {
        return assignedPartitions;
    }

    public int inFlightRecords() {
        return inFlightRecords;
    }

    /** The highest offset committed per partition by this instance. */
    public Map<TopicPartition, Long> committedOffsets() {
        return Map.copyOf(committed);
    }
}
