package io.twinbridge.gateway.kafka;

import io.twinbridge.gateway.logging.LogContext;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.logging.log4j.CloseableThreadContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of ingest. It owns the {@link Consumer} on one thread, hands every record to a
 * {@link RecordHandler}, and commits an offset only when every earlier record of its partition is finished.
 *
 * <ul>
 *   <li>Commits are asynchronous and batched ({@code commitInterval}), synchronous on revoke and on stop.</li>
 *   <li>Backpressure bounds what costs memory ({@link InFlightLimits}): every partition is paused while the pending
 *       twins or the bytes of their pending patches ({@link PendingWork}) are over their bound, and a partition is
 *       paused while the span from its first unfinished record to its newest consumed one is over its bound; each
 *       is resumed by itself once enough finishes. The count of unfinished records is not bounded as such: a
 *       record waiting in a coalesced patch costs two bits in {@link PartitionProgress}.</li>
 *   <li>On revoke it waits up to {@code drainTimeout} for the partition's records, commits what is finished and
 *       leaves the rest to the next owner: nothing unfinished is ever committed.</li>
 * </ul>
 */
public final class IngestConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(IngestConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long LAG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration SYNC_COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final Supplier<Pattern> topics;
    private final AtomicBoolean resubscribe = new AtomicBoolean();
    private final RecordProcessor processor;
    private final RecordFinisher finisher = new Finisher();
    /** One TopicPartition instance per partition, shared by every pending record of it. */
    private final Map<TopicPartition, TopicPartition> partitions = new HashMap<>();
    private final InFlightLimits limits;
    private final PendingWork pending;
    private final ConsumerEvents events;
    private final Duration commitInterval;
    private final Duration drainTimeout;

    private final LinkedBlockingQueue<Finished> finishedQueue = new LinkedBlockingQueue<>();
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean polling = new AtomicBoolean();
    /**
     * Some partition is paused, so a finished record may let it resume: only then does a finish wake the loop from
     * its poll. Otherwise finishes wait in the queue until the poll returns (records arrived, or at most
     * {@link #POLL_TIMEOUT}); commits are due by the commit interval anyway. Waking the loop for every finished record
     * ran it thousands of times a second in {@code bench ingest}'s latency phase (a poll, a fetch round and an
     * eventfd write each), for nothing.
     */
    private volatile boolean wakeOnFinish;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final IngestConsumerStats stats = new IngestConsumerStats();
    private volatile Consumer<byte[], byte[]> consumer;
    private Thread thread;
    private long lastCommitNanos;
    private long lastLagNanos;

    private record Finished(TopicPartition partition, long offset) {
    }

    /**
     * @param topics the topics to follow; asked again after {@link #resubscribe()}, e.g. when tenants change
     * @param events told of every record consumed and finished and every partition paused; the loop counts nothing
     */
    public IngestConsumer(Supplier<Consumer<byte[], byte[]>> consumerFactory, Supplier<Pattern> topics,
            RecordHandler handler, InFlightLimits limits, ConsumerEvents events, Duration commitInterval,
            Duration drainTimeout) {
        this(consumerFactory, topics, handler, limits, PendingWork.NONE, events, commitInterval, drainTimeout);
    }

    /** @param pending the pending twins and patch bytes downstream, bounded by {@code limits} */
    public IngestConsumer(Supplier<Consumer<byte[], byte[]>> consumerFactory, Supplier<Pattern> topics,
            RecordHandler handler, InFlightLimits limits, PendingWork pending, ConsumerEvents events,
            Duration commitInterval, Duration drainTimeout) {
        this(consumerFactory, topics, RecordProcessor.of(Objects.requireNonNull(handler, "handler")), limits, pending,
                events, commitInterval, drainTimeout);
    }

    public IngestConsumer(Supplier<Consumer<byte[], byte[]>> consumerFactory, Supplier<Pattern> topics,
            RecordProcessor processor, InFlightLimits limits, PendingWork pending, ConsumerEvents events,
            Duration commitInterval, Duration drainTimeout) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.events = Objects.requireNonNull(events, "events");
        this.commitInterval = Objects.requireNonNull(commitInterval, "commitInterval");
        this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
    }

    /** Starts the loop on its own thread. */
    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::run, "twinbridge-ingest-consumer");
        thread.start();
    }

    /** Stops polling, waits up to the drain timeout for unfinished records, commits, and closes the consumer. */
    public CompletableFuture<Void> stop() {
        if (running.compareAndSet(true, false)) {
            Consumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        } else if (thread == null) {
            stopped.complete(null);
        }
        return stopped;
    }

    /** Asks the loop to subscribe again with the current topic pattern. Any thread. */
    public void resubscribe() {
        resubscribe.set(true);
        Consumer<byte[], byte[]> c = consumer;
        if (c != null && polling.get()) {
            c.wakeup();
        }
    }

    /** The loop's levels (assignment, pauses, records in flight, lag, commits); its counts go to the events. */
    public IngestConsumerStats stats() {
        return stats;
    }

    private void run() {
        try (Consumer<byte[], byte[]> c = consumerFactory.get()) {
            consumer = c;
            Rebalance rebalance = new Rebalance();
            c.subscribe(topics.get(), rebalance);
            lastCommitNanos = System.nanoTime();
            while (running.get()) {
                if (resubscribe.compareAndSet(true, false)) {
                    // revoked partitions drain and commit in the listener, as on any rebalance
                    c.subscribe(topics.get(), rebalance);
                }
                drainFinished();
                commitIfDue(false);
                applyBackpressure();
                recordLagIfDue();
                pollOnce();
            }
            drainUntilIdle(progress.keySet(), drainTimeout);
            commitSync(progress.keySet());
            progress.clear();
            stopped.complete(null);
        } catch (RuntimeException e) {
            LOG.error("Ingest consumer stopped by an unexpected error", e);
            stopped.completeExceptionally(e);
        } finally {
            consumer = null;
        }
    }

    private void pollOnce() {
        ConsumerRecords<byte[], byte[]> records;
        polling.set(true);
        try {
            if (!finishedQueue.isEmpty()) {
                records = consumer.poll(Duration.ZERO);
            } else {
                records = consumer.poll(POLL_TIMEOUT);
            }
        } catch (WakeupException e) {
            return;
        } finally {
            polling.set(false);
        }
        for (TopicPartition polled : records.partitions()) {
            TopicPartition tp = partitions.computeIfAbsent(polled, k -> k);
            PartitionProgress p = progress.computeIfAbsent(tp, k -> new PartitionProgress());
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(polled);
            // told before the records are handed on: a record may finish on another thread before this loop ends
            events.onConsumed(batch.size());
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                p.started(record.offset());
                handle(tp, record);
            }
        }
    }

    /** Finishes records from any thread: queues them for the consumer thread and wakes it if it waits in poll. */
    private final class Finisher implements RecordFinisher {
        @Override
        public void finished(TopicPartition partition, long offset) {
            finishedQueue.add(new Finished(partition, offset));
            // once per poll: the first finish that finds the loop waiting wakes it, the others need not
            if (wakeOnFinish && polling.compareAndSet(true, false)) {
                Consumer<byte[], byte[]> c = consumer;
                if (c != null) {
                    c.wakeup();
                }
            }
        }

        @Override
        public void abandoned(TopicPartition partition, long offset, Throwable cause) {
            LOG.warn("Record {}-{}@{} was not finished and stays uncommitted: {}", partition.topic(),
                    partition.partition(), offset, cause.toString());
            events.onAbandoned();
        }
    }

    private void handle(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
        try {
            processor.process(tp, record, finisher);
        } catch (RuntimeException e) {
            try (CloseableThreadContext.Instance ignored = LogContext.of(null, null, CorrelationIds.of(record))) {
                finisher.abandoned(tp, record.offset(), e);
            }
        }
    }

    private void drainFinished() {
        int finished = 0;
        Finished f;
        while ((f = finishedQueue.poll()) != null) {
            if (markFinished(f)) {
                finished++;
            }
        }
        if (finished > 0) {
            events.onFinished(finished);
        }
    }

    /** @return whether the record's partition is still owned; a record of a revoked partition is not counted */
    private boolean markFinished(Finished f) {
        PartitionProgress p = progress.get(f.partition());
        if (p == null) {
            return false;
        }
        p.finished(f.offset());
        return true;
    }

    private void commitIfDue(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastCommitNanos < commitInterval.toNanos()) {
            return;
        }
        lastCommitNanos = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = candidates(progress.keySet());
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                LOG.warn("Offset commit failed, will retry: {}", error.toString());
                return;
            }
            committed.forEach((tp, om) -> {
                PartitionProgress p = progress.get(tp);
                if (p != null) {
                    p.committed(om.offset());
                }
                stats.recordCommit(tp, om.offset());
            });
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> candidates(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionProgress p = progress.get(tp);
            if (p == null) {
                continue;
            }
            OptionalLong candidate = p.commitCandidate();
            candidate.ifPresent(o -> offsets.put(tp, new OffsetAndMetadata(o)));
        }
        return offsets;
    }

    /**
     * Commits what is finished and waits for the broker's answer. A {@code consumer.wakeup()} (a record finishing,
     * {@link #stop()}, {@link #resubscribe()}) aborts a blocking call with a {@link WakeupException} and is then
     * spent; the commit is simply sent again, so a graceful stop or revoke never redelivers what it had finished.
     */
    private void commitSync(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = candidates(partitions);
        if (offsets.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + SYNC_COMMIT_TIMEOUT.toNanos();
        while (true) {
            try {
                consumer.commitSync(offsets, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                offsets.forEach((tp, om) -> {
                    progress.get(tp).committed(om.offset());
                    stats.recordCommit(tp, om.offset());
                });
                return;
            } catch (WakeupException e) {
                if (System.nanoTime() - deadline >= 0) {
                    LOG.warn("Synchronous offset commit kept being woken up for {}; the records will be "
                            + "redelivered", SYNC_COMMIT_TIMEOUT);
                    return;
                }
                LOG.debug("Synchronous offset commit woken up; committing again");
            } catch (RuntimeException e) {
                LOG.warn("Synchronous offset commit failed; the records will be redelivered: {}", e.toString());
                return;
            }
        }
    }

    private void drainUntilIdle(Collection<TopicPartition> partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<TopicPartition> waitingFor = new HashSet<>(partitions);
        while (true) {
            drainFinished();
            waitingFor.removeIf(tp -> progress.get(tp) == null || progress.get(tp).idle());
            long left = deadline - System.nanoTime();
            if (waitingFor.isEmpty() || left <= 0) {
                if (!waitingFor.isEmpty()) {
                    LOG.info("Partitions {} still have unfinished records after {}; they are left uncommitted",
                            waitingFor, timeout);
                }
                return;
            }
            try {
                Finished f = finishedQueue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)),
                        TimeUnit.NANOSECONDS);
                if (f != null && markFinished(f)) {
                    events.onFinished(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void applyBackpressure() {
        int totalRecords = 0;
        for (PartitionProgress p : progress.values()) {
            totalRecords += p.recordsInFlight();
        }
        boolean globalFull = pending.pendingTwins() >= limits.maxPendingTwins()
                || pending.pendingBytes() >= limits.maxPendingBytes();
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> paused = consumer.paused();
        Set<TopicPartition> toPause = new HashSet<>();
        Set<TopicPartition> toResume = new HashSet<>();
        for (TopicPartition tp : assigned) {
            PartitionProgress p = progress.get(tp);
            boolean full = globalFull || (p != null && p.span() >= limits.maxSpanPerPartition());
            if (full && !paused.contains(tp)) {
                toPause.add(tp);
            } else if (!full && paused.contains(tp)) {
                toResume.add(tp);
            }
        }
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
            events.onPaused(toPause.size());
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
        Set<TopicPartition> nowPaused = consumer.paused();
        if (!nowPaused.equals(stats.paused)) {
            stats.paused = Set.copyOf(nowPaused);
        }
        stats.pausedPartitions = nowPaused.size();
        wakeOnFinish = !nowPaused.isEmpty();
        stats.inFlightRecords = totalRecords;
    }

    /** The lag comes from the consumer's fetch state: no broker round trip, but only the consumer thread may ask. */
    private void recordLagIfDue() {
        long now = System.nanoTime();
        if (now - lastLagNanos < LAG_INTERVAL_NANOS) {
            return;
        }
        lastLagNanos = now;
        Map<TopicPartition, Long> lag = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong records = consumer.currentLag(tp);
            if (records.isPresent()) {
                lag.put(tp, records.getAsLong());
            }
        }
        stats.lag = Map.copyOf(lag);
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // runs inside poll(): records finishing during the drain need not wake the consumer up
            boolean wasPolling = polling.getAndSet(false);
            try {
                drainUntilIdle(partitions, drainTimeout);
                commitSync(partitions);
            } finally {
                polling.set(wasPolling);
            }
            partitions.forEach(progress::remove);
            stats.assignedPartitions = progress.size();
            LOG.info("Partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(progress::remove);
            stats.assignedPartitions = progress.size();
            LOG.warn("Partitions lost, nothing committed for them: {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                progress.put(tp, new PartitionProgress());
            }
            stats.assignedPartitions = progress.size();
            // before the poll that assigned them fetches anything: a full downstream pauses them at once
            applyBackpressure();
            LOG.info("Partitions assigned: {}", List.copyOf(partitions));
        }
    }
}
