package io.twinbridge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.codec.Codec;
import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.Codecs;
import io.twinbridge.gateway.codec.JsonSchemas;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.testkit.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ./twinbridge simulate} through the launcher, against a real broker on a random port. */
@Tag("flow")
class SimulateCommandTest {
    private static final List<String> TENANTS = List.of("acme", "globex");
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    private final CapturedConsole io = new CapturedConsole();
    private final Console console = io.console();

    @Test
    void sendsTheCountedRecordsToEveryTenantTopicAndTheGatewayCodecsDecodeThem() throws Exception {
        // given the tenants' topics exist, as the gateway's operator would create them
        DemoTopics.create(KAFKA.cluster().bootstrapServers(), "sim", TENANTS);

        // when
        int code = Launcher.withAllCommands().run(List.of("simulate", "--bootstrap-servers", KAFKA.cluster().bootstrapServers(),
                "--topic-prefix", "sim", "--tenants", "acme,globex", "--devices-per-kind", "1", "--rate", "400",
                "--encoding", "json", "--count", "40"), console);

        // then
        String printed = io.out();
        assertEquals(ExitCodes.OK, code, printed + io.err());
        assertTrue(printed.contains("simulate: done after"), printed);
        assertTrue(printed.contains("40 sent, 40 acknowledged, 0 failed"), printed);
        List<ConsumerRecord<String, byte[]>> records = readAll(List.of("sim.telemetry.acme", "sim.telemetry.globex"),
                40);
        assertEquals(40, records.size());
        Map<String, Integer> perTopic = new HashMap<>();
        Codec codec = gatewayCodec();
        for (ConsumerRecord<String, byte[]> record : records) {
            perTopic.merge(record.topic(), 1, Integer::sum);
            Result<?> decoded = codec.decode(record.value());
            assertTrue(decoded.isOk(), () -> record.key() + ": " + decoded.failure());
        }
        // one device of each of the four kinds per tenant, round-robin: 40 records = 5 rounds of 8 devices
        assertEquals(Map.of("sim.telemetry.acme", 20, "sim.telemetry.globex", 20), perTopic);
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnythingConnects() {
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of("simulate", "--rate", "fast"), console));
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of("simulate", "--bad-share", "2"), console));
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of("simulate", "--encoding", "confluent"),
                console));
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of("simulate", "--bootstrap-servers",
                "no port"), console));
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of("simulate", "--duration", "5"), console));
        String errors = io.err();
        assertTrue(errors.contains("--rate: 'fast' is not a number"), errors);
        assertTrue(errors.contains("--bad-share must be between 0.0 and 1.0, was 2"), errors);
        assertTrue(errors.contains("--encoding confluent needs --schema-registry-url"), errors);
        assertTrue(errors.contains("kafka.bootstrap-servers"), errors);
        assertTrue(errors.contains("--duration: '5' is not a duration"), errors);
    }

    @Test
    void environmentVariablesSetTheOptionsAndFlagsWinOverThem() throws Exception {
        SimulateOptions options = SimulateOptions.parse(List.of("--rate", "5"), Map.of(
                "TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "TWINBRIDGE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "TWINBRIDGE_SIMULATE_TENANTS", "acme",
                "TWINBRIDGE_SIMULATE_RATE", "50",
                "TWINBRIDGE_SIMULATE_BAD_SHARE", "0.05",
                "TWINBRIDGE_SIMULATE_DURATION", "2m",
                "PATH", "/usr/bin"));

        assertEquals(List.of("acme"), options.tenants());
        assertEquals(5.0, options.rate());
        assertEquals(0.05, options.badShare());
        assertEquals(Optional.of(Duration.ofMinutes(2)), options.duration());
        assertEquals(Optional.empty(), options.count());
        assertEquals(Map.of("TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "TWINBRIDGE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL"), options.kafkaEnv());
    }

    private static Codec gatewayCodec() {
        ModelRegistry models = ModelRegistry.fromClasspath();
        List<Schema> schemas = List.copyOf(models.avroSchemas().values());
        return Codecs.create(schemas, JsonSchemas.forTelemetry(schemas, SimulateCommandTest.class.getClassLoader()),
                Optional.empty()).forKind(CodecKind.AUTO);
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(List<String> topics, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.cluster().bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            // assign, not subscribe: no consumer group needed to read everything once
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            // one more poll: nothing beyond the count may have been sent
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        return received;
    }
}
