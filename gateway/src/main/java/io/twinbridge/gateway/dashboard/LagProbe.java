package io.twinbridge.gateway.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest consumer group's lag: end offsets minus committed offsets, summed over the group's partitions. It
 * covers every gateway instance of the group, not just this one. {@link #latest()} answers at once with the last
 * figure and starts a new Admin round trip in the background when the last one is older than the interval.
 */
public final class LagProbe {
    private static final Logger LOG = LoggerFactory.getLogger(LagProbe.class);

    private final Admin admin;
    private final String groupId;
    private final long intervalNanos;
    private final Duration timeout;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile long lastStarted = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile OptionalLong latest = OptionalLong.empty();

    public LagProbe(Admin admin, String groupId, Duration interval, Duration timeout) {
        this.admin = admin;
        this.groupId = groupId;
        this.intervalNanos = interval.toNanos();
        this.timeout = timeout;
    }

    /** The last measured lag; empty until the first answer, and again once Kafka stops answering. */
    public OptionalLong latest() {
        long now = System.nanoTime();
        if (now - lastStarted >= intervalNanos && inFlight.compareAndSet(false, true)) {
            lastStarted = now;
            measure();
        }
        return latest;
    }

    private void measure() {
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                .toCompletionStage()
                .thenCompose(committed -> {
                    Map<TopicPartition, OffsetSpec> ends = committed.keySet().stream()
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                    return admin.listOffsets(ends, new ListOffsetsOptions()).all().toCompletionStage()
                            .thenApply(endOffsets -> sum(committed, endOffsets));
                })
                .toCompletableFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((lag, failure) -> {
                    if (failure != null) {
                        if (latest.isPresent()) {
                            LOG.warn("Consumer lag of group {} unknown: {}", groupId, failure.toString());
                        }
                        latest = OptionalLong.empty();
                    } else {
                        latest = OptionalLong.of(lag);
                    }
                    inFlight.set(false);
                });
    }

    private static long sum(Map<TopicPartition, OffsetAndMetadata> committed,
                            Map<TopicPartition, ListOffsetsResultInfo> ends) {
        long total = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
            ListOffsetsResultInfo end = ends.get(entry.getKey());
            if (end != null && entry.getValue() != null) {
                total += Math.max(0, end.offset() - entry.getValue().offset());
            }
        }
        return total;
    }
}
