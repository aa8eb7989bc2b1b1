package io.twinbridge.gateway.testkit;

import io.twinbridge.sandbox.kafka.TopicLeaders;

import io.twinbridge.sandbox.fleet.SimRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What a test does with a broker's topics, in one place for every test: create topics, seed records and wait for
 * the broker to take each, read a topic to its end, and sum end offsets and committed offsets.
 */
public final class TestTopics {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final String bootstrapServers;

    public TestTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static TestTopics of(KafkaTestCluster kafka) {
        return new TestTopics(kafka.bootstrapServers());
    }

    /** The properties a client needs to reach the broker. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** Creates the topics, each with its number of partitions. */
    public void create(Map<String, Integer> topics) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            List<NewTopic> created = new ArrayList<>();
            topics.forEach((name, partitions) -> created.add(new NewTopic(name, partitions, (short) 1)));
            admin.createTopics(created).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            // the gateway's idempotent producers (dead letters, egress) send to them next: see TopicLeaders
            TopicLeaders.await(admin, topics.keySet(), WAIT);
        }
    }

    public static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** The simulator's records, as {@link #produce(List)}. */
    public List<RecordMetadata> produceSimulated(List<SimRecord> records) {
        return produce(records.stream().map(r -> record(r.topic(), r.key(), r.value())).toList());
    }

    /**
     * Sends the records and waits for the broker to take each: a seeding failure fails the test here, not later as
     * missing records. Not idempotent and one request in flight: the test broker sometimes answers idempotent
     * producers with OUT_OF_ORDER_SEQUENCE_NUMBER forever, and one request in flight keeps the order without it.
     */
    public List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
        Properties p = clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = records.stream().map(producer::send).toList();
            List<RecordMetadata> sent = new ArrayList<>();
            for (Future<RecordMetadata> send : sends) {
                sent.add(send.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            return sent;
        } catch (Exception e) {
            throw new IllegalStateException("seeding the test topics failed", e);
        }
    }

    /**
     * Every committed record of a topic so far, in partition order (one partition per key, so per-key order is
     * kept); fails if the topic cannot be read to its end in 30 s, since a partial read would pass for a topic that
     * lacks records.
     */
    public List<ConsumerRecord<byte[], byte[]>> readToEnd(String topic) {
        Properties p = clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    /** The topic's records from its start, until {@code expected} came or {@code timeout} passed. */
    public List<ConsumerRecord<byte[], byte[]>> readUpTo(String topic, int expected, Duration timeout) {
        Properties p = clientProperties();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** Sum of the end offsets of a topic's partitions: grows with every record or transaction marker. */
    public long endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(WAIT.toSeconds(), TimeUnit.SECONDS).get(topic)
                    .partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(WAIT.toSeconds(), TimeUnit.SECONDS).values().stream()
                    .mapToLong(r -> r.offset()).sum();
        }
    }

    /** Sum of the offsets the group committed, over all its partitions. */
    public long committed(String group) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS).values().stream().filter(Objects::nonNull)
                    .mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
