package io.twinbridge.gateway.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads single records back from Kafka by partition and offset, on its own thread with its own consumer (assigned,
 * no group). Ingest keeps no record's bytes while its update waits in a coalesced patch; when Ditto refuses the patch
 * for good, the records that took part are read back here to go to the dead-letter topic as they were consumed. Kafka
 * holds them until they are committed, retention permitting.
 *
 * <p>A read that fails (the broker unreachable for longer than the timeout, a consumer error) is tried again after a
 * pause, with a new consumer, until it succeeds or the fetcher is closed: a record given up here would stay
 * uncommitted and hold its partition's commit until the partition has a new owner.
 */
public final class RecordFetcher implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecordFetcher.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Pause before a failed read is tried again. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final Duration timeout;
    private final Duration retryDelay;
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "twinbridge-record-fetcher");
        t.setDaemon(true);
        return t;
    });
    /** Fetches not answered yet: failed when the fetcher closes, so that none waits for ever. */
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Consumer<byte[], byte[]> consumer;
    /** The last poll's records: refused patches carry neighbouring offsets, so one poll serves several. */
    private List<ConsumerRecord<byte[], byte[]>> lastBatch = List.of();
    private TopicPartition lastPartition;

    /** @param consumerFactory a consumer without a group ({@code assign} only); created at the first fetch */
    public RecordFetcher(Supplier<Consumer<byte[], byte[]>> consumerFactory, Duration timeout) {
        this(consumerFactory, timeout, RETRY_DELAY);
    }

    RecordFetcher(Supplier<Consumer<byte[], byte[]>> consumerFactory, Duration timeout, Duration retryDelay) {
        this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * The record at {@code offset}, or empty when the partition no longer has it (deleted by retention or
     * compaction). A failed read is tried again until it succeeds; the stage fails only when the fetcher is closed.
     */
    public CompletionStage<Optional<ConsumerRecord<byte[], byte[]>>> fetch(TopicPartition partition, long offset) {
        CompletableFuture<Optional<ConsumerRecord<byte[], byte[]>>> result = new CompletableFuture<>();
        pending.add(result);
        result.whenComplete((record, error) -> pending.remove(result));
        if (closed) {
            result.completeExceptionally(closedError(null));
            return result;
        }
        try {
            thread.execute(() -> attempt(partition, offset, result, 1));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(closedError(e));
        }
        return result;
    }

    private void attempt(TopicPartition partition, long offset,
                         CompletableFuture<Optional<ConsumerRecord<byte[], byte[]>>> result, int attempt) {
        if (closed) {
            return;
        }
        try {
            result.complete(read(partition, offset));
        } catch (RuntimeException e) {
            LOG.warn("Reading {}-{}@{} back for the dead-letter topic failed (attempt {}): {}; trying again in {} ms"
                    + " with a new consumer", partition.topic(), partition.partition(), offset, attempt, e.toString(),
                    retryDelay.toMillis());
            discardConsumer();
            thread.schedule(() -> attempt(partition, offset, result, attempt + 1), retryDelay.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** After a failure the consumer may be broken: the next attempt starts with a new one. */
    private void discardConsumer() {
        lastBatch = List.of();
        lastPartition = null;
        if (consumer != null) {
            try {
                consumer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("Closing the record fetcher's consumer failed: {}", e.toString());
            }
            consumer = null;
        }
    }

    private Optional<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long offset) {
        Optional<Optional<ConsumerRecord<byte[], byte[]>>> cached = fromLastBatch(partition, offset);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (consumer == null) {
            consumer = consumerFactory.get();
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
            if (!batch.isEmpty()) {
                lastBatch = batch;
                lastPartition = partition;
                return fromLastBatch(partition, offset).orElse(Optional.empty());
            }
            if (consumer.position(partition) > offset) {
                return Optional.empty();
            }
        }
        throw new IllegalStateException("record " + partition + "@" + offset + " could not be read within " + timeout);
    }

    /** Empty when the last batch does not tell; otherwise the record, or empty when the batch skipped its offset. */
    private Optional<Optional<ConsumerRecord<byte[], byte[]>>> fromLastBatch(TopicPartition partition, long offset) {
        if (!partition.equals(lastPartition) || lastBatch.isEmpty() || offset < lastBatch.get(0).offset()
                || offset > lastBatch.get(lastBatch.size() - 1).offset()) {
            return Optional.empty();
        }
        for (ConsumerRecord<byte[], byte[]> r : lastBatch) {
            if (r.offset() == offset) {
                return Optional.of(Optional.of(r));
            }
        }
        // inside the batch's range but absent: compacted away or a transaction marker
        return Optional.of(Optional.empty());
    }

    /** How a fetch fails once the fetcher is closed. */
    private static IllegalStateException closedError(Throwable cause) {
        return new IllegalStateException("the record fetcher is closed", cause);
    }

    @Override
    public void close() {
        closed = true;
        thread.execute(() -> {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List.copyOf(pending).forEach(f -> f.completeExceptionally(closedError(null)));
    }
}
