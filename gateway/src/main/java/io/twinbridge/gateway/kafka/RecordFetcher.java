package io.twinbridge.gateway.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 */
public final class RecordFetcher implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final Duration timeout;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "twinbridge-record-fetcher");
        t.setDaemon(true);
        return t;
    });
    private Consumer<byte[], byte[]> consumer;
    /** The last poll's records: refused patches carry neighbouring offsets, so one poll serves several. */
    private List<ConsumerRecord<byte[], byte[]>> lastBatch = List.of();
    private TopicPartition lastPartition;

    /** @param consumerFactory a consumer without a group ({@code assign} only); created at the first fetch */
    public RecordFetcher(Supplier<Consumer<byte[], byte[]>> consumerFactory, Duration timeout) {
        this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The record at {@code offset}, or empty when the partition no longer has it (deleted by retention or
     * compaction). Fails when it cannot be read within the timeout.
     */
    public CompletionStage<Optional<ConsumerRecord<byte[], byte[]>>> fetch(TopicPartition partition, long offset) {
        CompletableFuture<Optional<ConsumerRecord<byte[], byte[]>>> result = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                result.complete(read(partition, offset));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
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

    @Override
    public void close() {
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
    }
}
