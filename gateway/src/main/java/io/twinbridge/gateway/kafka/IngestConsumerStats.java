package io.twinbridge.gateway.kafka;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;

/** Counters of the consumer loop, read by metrics, readiness and tests from any thread. */
public final class IngestConsumerStats {
    final LongAdder consumed = new LongAdder();
    final LongAdder finished = new LongAdder();
    final LongAdder pauses = new LongAdder();
    volatile int pausedPartitions;
    volatile int inFlightRecords;
    volatile int assignedPartitions;
    volatile Set<TopicPartition> paused = Set.of();
    volatile Map<TopicPartition, Long> lag = Map.of();
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

    void recordCommit(TopicPartition tp, long offset) {
        committed.merge(tp, offset, Math::max);
    }

    public long consumed() {
        return consumed.sum();
    }

    public long finished() {
        return finished.sum();
    }

    public long pauses() {
        return pauses.sum();
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
