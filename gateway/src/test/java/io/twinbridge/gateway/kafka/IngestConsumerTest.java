package io.twinbridge.gateway.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinbridge.gateway.metrics.ConsumerCounters;
import io.twinbridge.gateway.testkit.SharedKafka;
import io.twinbridge.gateway.testkit.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The consumer loop against a real broker: commits never pass an unfinished record, and backpressure pauses. */
@Tag("flow")
class IngestConsumerTest {
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    private static void produce(String topic, int partitions, int count) throws Exception {
        TestTopics.of(KAFKA.cluster()).create(Map.of(topic, partitions));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.cluster().bootstrapServers());
        // seeding only; see IngestHarness#produce for why idempotence is off
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                byte[] key = ("device-" + (i % 10)).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, i % partitions, key, Integer.toString(i)
                        .getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static Consumer<byte[], byte[]> newConsumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.cluster().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.cluster().bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        }
    }

    /** What a test does while its consumer runs. */
    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    /** Starts the consumer, runs the body, and stops the consumer whatever the body did. */
    private static void whileRunning(IngestConsumer consumer, Body body) throws Exception {
        consumer.start();
        try {
            body.run();
        } finally {
            consumer.stop().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void commitsNeverPassAnUnfinishedRecordAndCatchUpOnceItFinishes() throws Exception {
        String topic = "t1.telemetry.acme";
        produce(topic, 2, 200);
        ConcurrentHashMap<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();
        // record 50 of partition 0 is held back; everything else finishes at once
        RecordHandler handler = r -> {
            if (r.partition() == 0 && r.offset() == 50) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                held.put("p0@50", f);
                return f;
            }
            return CompletableFuture.completedFuture(null);
        };
        ConsumerCounters counts = new ConsumerCounters(new SimpleMeterRegistry());
        IngestConsumer consumer = new IngestConsumer(() -> newConsumer("g1"), () -> Pattern.compile("t1\\.telemetry\\..*"),
                handler, new InFlightLimits(1_000, 10_000, 1 << 24), counts, Duration.ofMillis(50),
                Duration.ofSeconds(5));
        whileRunning(consumer, () -> {
            await().atMost(Duration.ofSeconds(30)).until(() -> counts.consumed() == 200);
            TopicPartition p0 = new TopicPartition(topic, 0);
            TopicPartition p1 = new TopicPartition(topic, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> c = committed("g1");
                return c.containsKey(p1) && c.get(p1).offset() == 100 && c.containsKey(p0);
            });
            assertEquals(50, committed("g1").get(p0).offset(), "partition 0 is committed up to the held record only");

            held.get("p0@50").complete(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed("g1").get(p0).offset() == 100);
        });
    }

    @Test
    void pausesPartitionsOverTheInFlightLimitAndResumesWhenRecordsFinish() throws Exception {
        String topic = "t2.telemetry.acme";
        produce(topic, 2, 400);
        Set<CompletableFuture<Void>> unfinished = ConcurrentHashMap.newKeySet();
        RecordHandler handler = r -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            unfinished.add(f);
            return f;
        };
        ConsumerCounters counts = new ConsumerCounters(new SimpleMeterRegistry());
        IngestConsumer consumer = new IngestConsumer(() -> newConsumer("g2"), () -> Pattern.compile("t2\\.telemetry\\..*"),
                handler, new InFlightLimits(20, 10_000, 1 << 24), counts, Duration.ofMillis(50),
                Duration.ofMillis(200));
        whileRunning(consumer, () -> {
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.stats().pausedPartitions() == 2);
            long consumedWhilePaused = counts.consumed();
            assertTrue(consumedWhilePaused < 400, "paused before reading everything: " + consumedWhilePaused);

            // finishing records lets the loop resume until everything is read and committed
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                unfinished.forEach(f -> f.complete(null));
                return counts.finished() == 400;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> committed("g2").values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum() == 400);
        });
    }

    /**
     * Issue 13.3: a record finishing during the drain wakes the consumer up, and a wake-up aborts whatever blocking
     * call comes next. Here every synchronous commit is preceded by a wake-up (the worst case): the commit on revoke
     * and on stop must still happen, so nothing that was finished is redelivered.
     */
    @Test
    void theCommitOnRevokeAndOnStopSurvivesAWakeUp() throws Exception {
        String topic = "t3.telemetry.acme";
        produce(topic, 4, 400);
        RecordHandler finishAtOnce = r -> CompletableFuture.completedFuture(null);
        // no periodic commit within the test: only the synchronous ones commit
        Duration never = Duration.ofHours(1);
        ConsumerCounters firstCounts = new ConsumerCounters(new SimpleMeterRegistry());
        ConsumerCounters secondCounts = new ConsumerCounters(new SimpleMeterRegistry());
        IngestConsumer first = new IngestConsumer(() -> wokenBeforeEachCommitSync(newConsumer("g3")),
                () -> Pattern.compile("t3\\.telemetry\\..*"), finishAtOnce,
                new InFlightLimits(1_000, 10_000, 1 << 24), firstCounts, never, Duration.ofSeconds(5));
        IngestConsumer second = new IngestConsumer(() -> newConsumer("g3"),
                () -> Pattern.compile("t3\\.telemetry\\..*"), finishAtOnce,
                new InFlightLimits(1_000, 10_000, 1 << 24), secondCounts, never, Duration.ofSeconds(5));
        first.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> firstCounts.finished() == 400);

            // when a second instance joins, the first gives partitions up and commits them on revoke
            second.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> second.stats().assignedPartitions() > 0
                    && first.stats().assignedPartitions() + second.stats().assignedPartitions() == 4);
            assertEquals(0, secondCounts.consumed(), "the revoked partitions were committed: nothing redelivered");

            // and on stop the first commits whatever it still holds
            first.stop().get(30, TimeUnit.SECONDS);
            assertEquals(400, committed("g3").values().stream().mapToLong(OffsetAndMetadata::offset).sum());
        } finally {
            first.stop().get(30, TimeUnit.SECONDS);
            second.stop().get(30, TimeUnit.SECONDS);
        }
    }

    /** The consumer, with {@code wakeup()} called right before every {@code commitSync}. */
    @SuppressWarnings("unchecked")
    private static Consumer<byte[], byte[]> wokenBeforeEachCommitSync(Consumer<byte[], byte[]> delegate) {
        return (Consumer<byte[], byte[]>) java.lang.reflect.Proxy.newProxyInstance(
                IngestConsumerTest.class.getClassLoader(), new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commitSync")) {
                        delegate.wakeup();
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Issue 12: every partition pauses while the pending twins or pending bytes downstream are over their bounds. */
    @Test
    void pausesEveryPartitionWhilePendingTwinsOrBytesAreOverTheirBoundsAndResumesAfter() throws Exception {
        String topic = "t4.telemetry.acme";
        produce(topic, 2, 400);
        java.util.concurrent.atomic.AtomicInteger twins = new java.util.concurrent.atomic.AtomicInteger(50);
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        PendingWork downstream = PendingWork.of(twins::get, bytes::get);
        ConsumerCounters counts = new ConsumerCounters(new SimpleMeterRegistry());
        IngestConsumer consumer = new IngestConsumer(() -> newConsumer("g4"),
                () -> Pattern.compile("t4\\.telemetry\\..*"), r -> CompletableFuture.completedFuture(null),
                new InFlightLimits(1_000_000, 10, 1_000), downstream, counts, Duration.ofMillis(50),
                Duration.ofSeconds(5));
        whileRunning(consumer, () -> {
            // given more pending twins than allowed: nothing is fetched
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.stats().pausedPartitions() == 2);
            assertEquals(0, counts.consumed());

            // when they drop below, but the pending bytes are over theirs: still paused
            bytes.set(5_000);
            twins.set(0);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() ->
                    counts.consumed() == 0 && consumer.stats().pausedPartitions() == 2);

            // then with both below their bounds everything is read and committed
            bytes.set(0);
            await().atMost(Duration.ofSeconds(60)).until(() -> committed("g4").values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum() == 400);
        });
    }
}
