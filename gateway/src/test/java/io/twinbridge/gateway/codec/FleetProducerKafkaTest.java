package io.twinbridge.gateway.codec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetProducer;
import io.twinbridge.sandbox.fleet.FleetSimulator;

/** The fleet producer sends the simulator's records to a real broker, keyed by device, and the gateway decodes them. */
@Tag("flow")
class FleetProducerKafkaTest {
    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("twinbridge.telemetry.acme", 2, (short) 1),
                    new NewTopic("twinbridge.telemetry.globex", 2, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        cluster.close();
    }

    @Test
    void sendsABoundedCountOfDecodableRecordsKeyedByDevice() {
        FleetSimulator simulator = new FleetSimulator(FleetOptions.defaults());
        FleetProducer.Outcome outcome;
        try (FleetProducer producer = FleetProducer.connect(cluster.bootstrapServers())) {
            outcome = producer.run(simulator.records(), new FleetProducer.Limits(5_000, 160, Duration.ofSeconds(60)));
        }
        assertEquals(new FleetProducer.Outcome(160, 160, 0), outcome);

        Codec codec = Codecs.create(TestTelemetry.all(), TestTelemetry.jsonSchemas(), Optional.empty())
                .forKind(CodecKind.AUTO);
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            // assign, not subscribe: a one-broker cluster cannot host the replicated consumer-offsets topic
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("twinbridge.telemetry.acme", "twinbridge.telemetry.globex")) {
                partitions.add(new TopicPartition(topic, 0));
                partitions.add(new TopicPartition(topic, 1));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= 160;
            });
        }
        assertEquals(160, received.size());
        for (ConsumerRecord<String, byte[]> record : received) {
            DecodedEvent event = codec.decode(record.value()).value();
            assertEquals(record.key(), event.fields().get(FieldPath.parse("deviceId")));
            assertTrue(record.topic().endsWith(".acme") || record.topic().endsWith(".globex"));
        }
        Set<String> devicesPerTopic = received.stream().map(r -> r.topic() + "/" + r.key()).collect(Collectors.toSet());
        assertEquals(simulator.deviceCount(), devicesPerTopic.size());
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
