package io.twinbridge.gateway.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinbridge.gateway.kafka.InFlightLimits;
import io.twinbridge.gateway.kafka.IngestConsumer;
import io.twinbridge.gateway.kafka.RecordHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The consumer loop reports each record consumed and finished, and each partition paused, once: the registry's
 * counters equal what the loop did, neither a count lost nor one doubled. Kafka's {@link MockConsumer} stands in for
 * the broker, so the figures are exact.
 */
class ConsumerCountersTest {
    private static final String TOPIC = "cc.telemetry.acme";
    private static final int PER_PARTITION = 30;

    @Test
    void everyRecordConsumedAndFinishedAndEveryPauseIsCountedOnceInTheRegistry() throws Exception {
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        MockConsumer<byte[], byte[]> mock = new MockConsumer<>("earliest");
        mock.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null),
                new PartitionInfo(TOPIC, 1, null, null, null)));
        mock.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        mock.schedulePollTask(() -> {
            mock.rebalance(List.of(p0, p1));
            for (TopicPartition tp : List.of(p0, p1)) {
                for (int offset = 0; offset < PER_PARTITION; offset++) {
                    mock.addRecord(new ConsumerRecord<>(TOPIC, tp.partition(), offset, new byte[0], new byte[0]));
                }
            }
        });
        Set<CompletableFuture<Void>> held = ConcurrentHashMap.newKeySet();
        RecordHandler holdEach = r -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            held.add(f);
            return f;
        };
        MeterRegistry registry = new SimpleMeterRegistry();
        ConsumerCounters counts = new ConsumerCounters(registry);
        // a span of 10 per partition: the first poll (all 30 of each) overfills both, and both pause, once each
        IngestConsumer consumer = new IngestConsumer(() -> mock, () -> Pattern.compile("cc\\.telemetry\\..*"),
                holdEach, new InFlightLimits(10, 10_000, 1 << 24), counts, Duration.ofMillis(20),
                Duration.ofSeconds(5));
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.stats().pausedPartitions() == 2);
            assertEquals(2 * PER_PARTITION, counts.consumed());
            assertEquals(0, counts.finished());
            assertEquals(2, counts.pauses());

            held.forEach(f -> f.complete(null));
            await().atMost(Duration.ofSeconds(30)).until(() -> counts.finished() == 2 * PER_PARTITION
                    && consumer.stats().pausedPartitions() == 0);
            assertEquals(2 * PER_PARTITION, counts.consumed(), "each record consumed is counted once");
            assertEquals(2 * PER_PARTITION, counts.finished(), "each record finished is counted once");
            assertEquals(2, counts.pauses(), "each pause is counted once; resuming is not a pause");
        } finally {
            consumer.stop().get(30, TimeUnit.SECONDS);
        }
        // the counts live in the registry, once: one series of each name, as /metrics and the dashboard read them
        for (String name : List.of(MetricNames.CONSUMER_POLLED, MetricNames.CONSUMER_FINISHED,
                MetricNames.CONSUMER_PAUSES)) {
            assertEquals(1, registry.find(name).counters().size(), name);
        }
        assertEquals(2 * PER_PARTITION, MeterReads.total(registry, MetricNames.CONSUMER_POLLED));
        assertEquals(2 * PER_PARTITION, MeterReads.total(registry, MetricNames.CONSUMER_FINISHED));
        assertEquals(2, MeterReads.total(registry, MetricNames.CONSUMER_PAUSES));
    }
}
