package io.twinbridge.gateway.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A finished record wakes the consumer loop from its poll only while a partition is paused (a finish may let it
 * resume); otherwise finishes wait for the poll to return, instead of running the loop once per finished record.
 */
class IngestConsumerWakeupTest {
    private static final String TOPIC = "wk.telemetry.acme";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 30;

    /** Kafka's mock, whose poll waits as the real one does: until its timeout, or until woken up. */
    private static final class WaitingConsumer extends MockConsumer<byte[], byte[]> {
        private final Semaphore woken = new Semaphore(0);
        private final AtomicInteger wakeups = new AtomicInteger();

        WaitingConsumer() {
            super("earliest");
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            try {
                if (woken.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    woken.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            woken.drainPermits();
            return super.poll(Duration.ZERO);
        }

        @Override
        public void wakeup() {
            wakeups.incrementAndGet();
            woken.release();
            super.wakeup();
        }
    }

    private static WaitingConsumer consumerWithRecords() {
        WaitingConsumer mock = new WaitingConsumer();
        mock.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        mock.updateBeginningOffsets(Map.of(P0, 0L));
        mock.schedulePollTask(() -> {
            mock.rebalance(List.of(P0));
            for (int offset = 0; offset < RECORDS; offset++) {
                mock.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, new byte[0], new byte[0]));
            }
        });
        return mock;
    }

    private static final class Held implements RecordHandler {
        final Set<CompletableFuture<Void>> futures = ConcurrentHashMap.newKeySet();

        @Override
        public CompletableFuture<Void> handle(ConsumerRecord<byte[], byte[]> record) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            futures.add(f);
            return f;
        }
    }

    private static final class Finished implements ConsumerEvents {
        final AtomicLong finished = new AtomicLong();

        @Override
        public void onConsumed(int records) {
        }

        @Override
        public void onFinished(int records) {
            finished.addAndGet(records);
        }

        @Override
        public void onPaused(int partitions) {
        }
    }

    private static IngestConsumer loop(WaitingConsumer mock, Held handler, Finished events, int maxSpan) {
        return new IngestConsumer(() -> mock, () -> Pattern.compile("wk\\.telemetry\\..*"), handler,
                new InFlightLimits(maxSpan, 10_000, 1 << 24), events, Duration.ofMillis(20), Duration.ofSeconds(5));
    }

    @Test
    void whileNothingIsPausedFinishedRecordsDoNotWakeTheLoop() throws Exception {
        WaitingConsumer mock = consumerWithRecords();
        Held handler = new Held();
        Finished events = new Finished();
        IngestConsumer consumer = loop(mock, handler, events, 1_000);
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.futures.size() == RECORDS);
            handler.futures.forEach(f -> f.complete(null));
            await().atMost(Duration.ofSeconds(30)).until(() -> events.finished.get() == RECORDS);

            assertEquals(0, consumer.stats().pausedPartitions());
            assertEquals(0, mock.wakeups.get(), "each finish waited for the poll to return");
        } finally {
            consumer.stop().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void whileAPartitionIsPausedAFinishWakesTheLoopToResumeIt() throws Exception {
        WaitingConsumer mock = consumerWithRecords();
        Held handler = new Held();
        Finished events = new Finished();
        // a span of 10: the first poll (all 30) overfills the partition, which pauses
        IngestConsumer consumer = loop(mock, handler, events, 10);
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.stats().pausedPartitions() == 1);
            handler.futures.forEach(f -> f.complete(null));
            await().atMost(Duration.ofSeconds(30)).until(() -> events.finished.get() == RECORDS
                    && consumer.stats().pausedPartitions() == 0);

            assertTrue(mock.wakeups.get() >= 1, "a finish woke the paused loop");
            assertTrue(mock.wakeups.get() <= RECORDS, "at most once per finish: " + mock.wakeups.get());
        } finally {
            consumer.stop().get(30, TimeUnit.SECONDS);
        }
    }
}
