package io.twinbridge.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A read-back that fails is tried again with a new consumer until it succeeds: a record given up here would stay
 * uncommitted and hold its partition's commit until the partition has a new owner. Only closing the fetcher fails it.
 */
class RecordFetcherRetryTest {
    private static final TopicPartition P0 = new TopicPartition("rf.telemetry.acme", 0);

    /** A consumer whose poll fails, as one cut off from the broker after its timeout. */
    private static MockConsumer<byte[], byte[]> failing() {
        MockConsumer<byte[], byte[]> mock = new MockConsumer<>("earliest");
        mock.updateBeginningOffsets(Map.of(P0, 0L));
        mock.setPollException(new KafkaException("broker unreachable"));
        return mock;
    }

    /** A consumer that has the record at offset 5. */
    private static MockConsumer<byte[], byte[]> withRecord() {
        MockConsumer<byte[], byte[]> mock = new MockConsumer<>("earliest");
        mock.updateBeginningOffsets(Map.of(P0, 0L));
        mock.schedulePollTask(() -> mock.addRecord(new ConsumerRecord<>(P0.topic(), 0, 5, new byte[0],
                "refused".getBytes(StandardCharsets.UTF_8))));
        return mock;
    }

    @Test
    void aFailedReadIsTriedAgainWithANewConsumer() throws Exception {
        Queue<Consumer<byte[], byte[]>> consumers = new ArrayDeque<>(List.of(failing(), failing(), withRecord()));
        AtomicInteger created = new AtomicInteger();
        try (RecordFetcher fetcher = new RecordFetcher(() -> {
            created.incrementAndGet();
            return consumers.remove();
        }, Duration.ofSeconds(5), Duration.ofMillis(10))) {
            Optional<ConsumerRecord<byte[], byte[]>> record = fetcher.fetch(P0, 5).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);

            assertArrayEquals("refused".getBytes(StandardCharsets.UTF_8), record.orElseThrow().value());
            assertEquals(3, created.get(), "two failed consumers, then a new one that read the record");
        }
    }

    @Test
    void closingFailsAFetchThatIsStillBeingTried() {
        RecordFetcher fetcher = new RecordFetcher(RecordFetcherRetryTest::failing, Duration.ofSeconds(5),
                Duration.ofSeconds(60));
        var pending = fetcher.fetch(P0, 5).toCompletableFuture();

        fetcher.close();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> pending.get(30, TimeUnit.SECONDS));
        assertEquals(IllegalStateException.class, failed.getCause().getClass());
    }
}
