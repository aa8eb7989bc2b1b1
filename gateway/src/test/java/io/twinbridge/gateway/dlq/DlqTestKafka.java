package io.twinbridge.gateway.dlq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topic set-up, seeding and end offsets for the DLQ tests. */
final class DlqTestKafka {
    private final String bootstrapServers;

    DlqTestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    void produce(List<ProducerRecord<byte[], byte[]>> records) {
        Properties p = clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // seeding only: the test-kit broker sometimes answers idempotent producers with OUT_OF_ORDER_SEQUENCE_NUMBER
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        List<Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            records.forEach(r -> sent.add(producer.send(r)));
            producer.flush();
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (Exception e) {
                    throw new IllegalStateException("seeding failed", e);
                }
            }
        }
    }

    static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** Sum of the end offsets of a topic's partitions: grows with every record or transaction marker. */
    long endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(r -> r.offset()).sum();
        }
    }
}
