package io.twinbridge.gateway.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

@Tag("flow")
class KafkaTestClusterTest {
    @Test
    void producesAndConsumesOverTcp() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("testkit", "device-1", "hello")).get();
            }
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("testkit"));
                AtomicReference<ConsumerRecords<String, String>> got = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    got.set(consumer.poll(Duration.ofMillis(200)));
                    return !got.get().isEmpty();
                });
                assertEquals("hello", got.get().iterator().next().value());
            }
        }
    }
}
