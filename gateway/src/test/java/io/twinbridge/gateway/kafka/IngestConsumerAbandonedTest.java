package io.twinbridge.gateway.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinbridge.gateway.metrics.ConsumerCounters;
import io.twinbridge.gateway.metrics.MetricNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A record given up in this process (its write failed for good) is counted in
 * {@code twinbridge_kafka_consumer_records_abandoned_total}, so that an operator sees why the partition's committed
 * offset stopped moving; the records before it are committed, the ones after it are not.
 */
class IngestConsumerAbandonedTest {
    private static final String TOPIC = "ab.telemetry.acme";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    @Test
    void anAbandonedRecordIsCountedAndHoldsItsPartitionsCommit() throws Exception {
        MockConsumer<byte[], byte[]> mock = new MockConsumer<>("earliest");
        mock.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        mock.updateBeginningOffsets(Map.of(P0, 0L));
        mock.schedulePollTask(() -> {
            mock.rebalance(List.of(P0));
            for (int offset = 0; offset < 3; offset++) {
                mock.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, new byte[0], new byte[0]));
            }
        });
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConsumerCounters counters = new ConsumerCounters(registry);
        // record 1's write fails for good; 0 and 2 finish
        RecordHandler handler = record -> record.offset() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("write failed"))
                : CompletableFuture.completedFuture(null);
        IngestConsumer consumer = new IngestConsumer(() -> mock, () -> Pattern.compile("ab\\.telemetry\\..*"),
                handler, new InFlightLimits(1_000, 10_000, 1 << 24), counters, Duration.ofMillis(20),
                Duration.ofMillis(100));
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> counters.finished() == 2 && counters.abandoned() == 1
                    && consumer.stats().committedOffsets().getOrDefault(P0, -1L) == 1L);
        } finally {
            consumer.stop().get();
        }

        assertEquals(1, registry.get(MetricNames.CONSUMER_ABANDONED).counter().count());
        // record 2 finished too, yet the commit stays at the abandoned record
        assertEquals(1L, consumer.stats().committedOffsets().get(P0));
    }
}
