package io.twinbridge.gateway.egress;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Egress's durable position of one tenant, in the compacted topic {@code <prefix>.egress-state.<tenant>}: key =
 * thingId, value = the last revision Kafka confirmed on the twin-events topic (decimal text), a tombstone once the
 * thing's deletion is published. Written after the twin-event record was confirmed, coalesced per thing and flushed
 * every {@link #FLUSH_INTERVAL} and on stop, so it never runs ahead of the topic; after a crash it may lag by up to
 * one interval, and those things are published again as resync records (at least once).
 */
final class PositionStore {
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(PositionStore.class);
    private static final long DELETED = -1;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    /** thingId to its newest confirmed revision, or {@link #DELETED}, not yet written. */
    private final Map<String, long[]> dirty = new ConcurrentHashMap<>();

    PositionStore(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    String topic() {
        return topic;
    }

    /** Kafka confirmed the thing's record at {@code revision}. Any thread. */
    void published(String thingId, long revision) {
        dirty.merge(thingId, new long[] {revision, revision}, (old, now) -> now[0] >= old[0] ? now : old);
    }

    /** Kafka confirmed the thing's deletion record at {@code revision}. Any thread. */
    void deleted(String thingId, long revision) {
        dirty.merge(thingId, new long[] {revision, DELETED}, (old, now) -> now[0] >= old[0] ? now : old);
    }

    /** Writes what changed since the last flush; completes when Kafka confirmed all of it. */
    CompletableFuture<Void> flush() {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (String thingId : List.copyOf(dirty.keySet())) {
            long[] entry = dirty.remove(thingId);
            if (entry == null) {
                continue;
            }
            byte[] value = entry[1] == DELETED ? null : Long.toString(entry[1]).getBytes(StandardCharsets.UTF_8);
            CompletableFuture<Void> sent = new CompletableFuture<>();
            try {
                producer.send(new ProducerRecord<>(topic, thingId.getBytes(StandardCharsets.UTF_8), value),
                        (metadata, failure) -> {
                            if (failure == null) {
                                sent.complete(null);
                            } else {
                                // written again with the next flush, unless a newer one came meanwhile
                                dirty.merge(thingId, entry, (newer, failed) -> newer);
                                sent.completeExceptionally(failure);
                            }
                        });
            } catch (RuntimeException e) {
                dirty.merge(thingId, entry, (newer, failed) -> newer);
                sent.completeExceptionally(e);
            }
            sends.add(sent);
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /**
     * Reads the whole position topic (blocking, up to {@code timeout}): the newest revision per thing, deleted
     * things left out.
     */
    static Map<String, Long> read(Properties clientProperties, String topic, Duration timeout) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, Long> position = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading the egress position from " + topic + " took longer "
                            + "than " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String thingId = new String(record.key(), StandardCharsets.UTF_8);
                    if (record.value() == null) {
                        position.remove(thingId);
                    } else {
                        position.put(thingId, Long.parseLong(new String(record.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        LOG.info("egress position read from {}: {} thing(s)", topic, position.size());
        return position;
    }
}
