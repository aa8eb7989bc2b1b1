package io.twinbridge.sandbox.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Waits until every partition of new topics has a leader that the broker knows, before anything produces to them.
 *
 * <p>Why: {@code createTopics} completes once the controller created the topics; the broker's own metadata follows a
 * moment later, and its replica manager leads each partition a moment after that. An idempotent producer that sends
 * in that moment gets NOT_LEADER_OR_FOLLOWER, retries, and the embedded broker can then refuse its batches with
 * OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout: a record of a demo, or a dead letter of a test, lost after
 * two minutes. So this waits until {@code describeTopics} names a leader for every partition and a list-offsets
 * request, which the leader replica answers as it answers a produce, succeeds for every one.
 */
public final class TopicLeaders {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private TopicLeaders() {
    }

    /**
     * @throws TimeoutException if some partition has no leader within {@code timeout}
     */
    public static void await(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allLed(admin, topics, deadline)) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("partitions of " + topics + " have no leader after " + timeout);
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private static boolean allLed(Admin admin, Collection<String> topics, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(topics).allTopicNames()
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
        boolean led = described.values().stream().allMatch(topic -> topic.partitions().stream()
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
        if (!led) {
            return false;
        }
        // the broker's metadata names a leader a moment before its replica manager leads the partition, and only
        // then does a produce succeed: a list-offsets request needs the same leader replica
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(partition ->
                latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        try {
            admin.listOffsets(latest).all().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidMetadataException) {
                return false;
            }
            throw e;
        }
    }
}
