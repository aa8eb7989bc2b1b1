package io.twinbridge.gateway.dlq;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every partition of a topic from its beginning to the end offsets taken when it is opened: a snapshot read that
 * never waits for records written later. No consumer group, nothing committed; only committed transactions are read.
 */
final class TopicRange implements AutoCloseable {
    /** A broker that stops answering must not hang the tool for ever. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> end;
    private final long size;

    private TopicRange(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, long size) {
        this.consumer = consumer;
        this.end = end;
        this.size = size;
    }

    /** @throws IllegalStateException when the topic does not exist */
    static TopicRange open(Properties clientProperties, String topic) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // replay writes transactionally: aborted records of a crashed run must not count as replayed
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long size = end.entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
            return new TopicRange(consumer, end, size);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Offsets in the range (records, plus transaction markers if the topic has any). */
    long size() {
        return size;
    }

    int partitions() {
        return end.size();
    }

    /** Hands every record of the range to {@code batch}, one poll at a time. */
    void forEachBatch(Consumer<List<ConsumerRecord<byte[], byte[]>>> batch) {
        long lastProgress = System.nanoTime();
        while (!atEnd()) {
            List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(r);
                }
            }
            if (!records.isEmpty()) {
                batch.accept(records);
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("no records from " + end.keySet() + " for " + STALL_LIMIT
                        + " although the range is not read to its end; is the broker reachable?");
            }
        }
    }

    private boolean atEnd() {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
