package io.twinbridge.sandbox.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("flow")
class EmbeddedKafkaTest {
    private static final String TOPIC = "twinbridge.telemetry.acme";

    @TempDir
    Path dataDir;

    @Test
    void producesAndConsumesOverTcpAndKeepsDataAcrossRestart() throws Exception {
        EmbeddedKafka.Options options = EmbeddedKafka.Options.defaults().withPort(0).withDataDir(dataDir);
        List<String> sent = List.of("turbine-1:power=1200", "turbine-2:power=980", "turbine-1:power=1210");

        // given a broker on a random port with a three-partition topic
        try (EmbeddedKafka kafka = EmbeddedKafka.start(options)) {
            assertTrue(kafka.port() > 0);
            assertEquals("127.0.0.1:" + kafka.port(), kafka.bootstrapServers());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertEquals(3, admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(TOPIC).partitions().size());
            }

            // when records are produced with one key each
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                for (String value : sent) {
                    producer.send(new ProducerRecord<>(TOPIC, keyOf(value), value))
                            .get(30, TimeUnit.SECONDS);
                }
            }

            // then a consumer reads them back, in order per key
            assertSameRecordsInKeyOrder(sent, consumeAll(kafka.bootstrapServers(), sent.size()));
        }

        // and a broker restarted on the same data directory still holds them
        assertTrue(Files.exists(dataDir.resolve("meta.properties")));
        try (EmbeddedKafka restarted = EmbeddedKafka.start(options)) {
            assertSameRecordsInKeyOrder(sent, consumeAll(restarted.bootstrapServers(), sent.size()));
        }
    }

    @Test
    void autoCreatesTopicsWithTheConfiguredPartitionCount() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(0)
                .withNumPartitions(2))) {
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                producer.send(new ProducerRecord<>("auto.created", "k", "v")).get(30, TimeUnit.SECONDS);
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                assertEquals(2, admin.describeTopics(List.of("auto.created")).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get("auto.created").partitions().size());
            }
        }
    }

    @Test
    void deletesItsTemporaryDataDirectoryOnClose() {
        Path temporary;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(0))) {
            temporary = kafka.dataDir();
            assertTrue(Files.isDirectory(temporary));
        }
        assertFalse(Files.exists(temporary));
    }

    @Test
    void refusesATakenPortWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            PortInUseException error = assertThrows(PortInUseException.class,
                    () -> EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(taken.getLocalPort())));
            assertEquals("Kafka port 127.0.0.1:" + taken.getLocalPort() + " is already in use", error.getMessage());
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeAll(String bootstrap, int expected) {
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-kafka-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(TOPIC));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.value());
                }
                return received.size() >= expected;
            });
        }
        return received;
    }

    /** Records of different keys may sit in different partitions: only the order per key is guaranteed. */
    private static void assertSameRecordsInKeyOrder(List<String> sent, List<String> received) {
        assertEquals(sent.stream().sorted().toList(), received.stream().sorted().toList());
        for (String key : sent.stream().map(EmbeddedKafkaTest::keyOf).distinct().toList()) {
            assertEquals(sent.stream().filter(v -> keyOf(v).equals(key)).toList(),
                    received.stream().filter(v -> keyOf(v).equals(key)).toList(), "order for key " + key);
        }
    }

    private static String keyOf(String value) {
        return value.substring(0, value.indexOf(':'));
    }
}
