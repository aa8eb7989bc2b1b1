package io.twinbridge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinbridge.gateway.dlq.ReplayRecords;
import io.twinbridge.gateway.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ./twinbridge dlq inspect|replay} through {@link Launcher#run}, against a real broker. */
@Tag("flow")
class DlqCommandTest {
    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    private final CapturedConsole io = new CapturedConsole();
    private final Console console = io.console();

    @Test
    void inspectCountsAndShowsTheDeadLettersAndReplayWritesThemOnce() throws Exception {
        // given 3 dead letters of two codes on cli.dlq.acme
        createTopics("cli.telemetry.acme", "cli.dlq.acme");
        seed(List.of(deadLetter("RBT-001", "decode", "decode.unknown-schema", 7),
                deadLetter("RBT-002", "decode", "decode.unknown-schema", 8),
                deadLetter("WTG-001", "validate", "validate.out-of-range", 9)));

        // when inspected as JSON
        assertEquals(ExitCodes.OK, run("inspect", "--tenant", "acme", "--json", "--limit", "2"));
        JsonNode json = new ObjectMapper().readTree(io.out());
        assertEquals(3, json.get("matched").asInt());
        assertEquals(2, json.get("byStage").get("decode").asInt());
        assertEquals(1, json.get("byStage").get("validate").asInt());
        assertEquals(2, json.get("byCode").get("decode.unknown-schema").asInt());
        assertEquals(1, json.get("byCode").get("validate.out-of-range").asInt());
        assertEquals(2, json.get("first").size());
        assertEquals("RBT-001", json.get("first").get(0).get("key").asText());
        assertEquals(7, json.get("first").get(0).get("source").get("offset").asInt());

        // when the decode ones are replayed
        io.resetOut();
        assertEquals(ExitCodes.OK, run("replay", "--tenant", "acme", "--code", "decode."), io::err);
        assertTrue(io.out().contains("replayed 2, skipped 0 already replayed, "
                + "1 not matching"), io::out);
        List<ConsumerRecord<byte[], byte[]>> telemetry = readAll("cli.telemetry.acme");
        assertEquals(List.of("RBT-001", "RBT-002"), telemetry.stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8)).sorted().toList());
        assertEquals("cli.dlq.acme/0/0", header(telemetry.stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("RBT-001")).findFirst()
                .orElseThrow(), ReplayRecords.REPLAY_OF));

        // then a second replay of everything skips those two and replays only the third
        io.resetOut();
        assertEquals(ExitCodes.OK, run("replay", "--tenant", "acme"));
        assertTrue(io.out().contains("replayed 1, skipped 2 already replayed"),
                io::out);
        // and a third changes nothing
        io.resetOut();
        assertEquals(ExitCodes.OK, run("replay", "--tenant", "acme"));
        assertTrue(io.out().contains("replayed 0, skipped 3 already replayed"),
                io::out);
        assertEquals(3, readAll("cli.telemetry.acme").size());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, run("inspect"));
        assertEquals(ExitCodes.USAGE, run("replay", "--tenant", "acme", "--since", "yesterday-ish"));
        assertTrue(io.err().contains("cannot read --since 'yesterday-ish'"),
                io::err);
        assertEquals(ExitCodes.USAGE, run("replay", "--tenant", "acme", "--json"));
    }

    @Test
    void aMissingDeadLetterTopicFailsWithItsName() {
        assertEquals(ExitCodes.FAILED, run("inspect", "--tenant", "nobody"));
        assertTrue(io.err().contains("cli.dlq.nobody does not exist"), io::err);
    }

    private int run(String... args) {
        List<String> line = new ArrayList<>(List.of("dlq"));
        line.addAll(List.of(args));
        line.addAll(List.of("--bootstrap-servers", KAFKA.bootstrapServers()));
        return new Launcher(List.of(new DlqCommand(Map.of("TWINBRIDGE_KAFKA_TOPIC_PREFIX", "cli"),
                Clock.fixed(NOW, ZoneOffset.UTC)))).run(line, console);
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(String key, String stage, String code, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        Map.of(DeadLetterHeaders.TOPIC, "cli.telemetry.acme", DeadLetterHeaders.PARTITION, "0",
                DeadLetterHeaders.OFFSET, Long.toString(offset), DeadLetterHeaders.STAGE, stage,
                DeadLetterHeaders.CODE, code, DeadLetterHeaders.MESSAGE, "failed: " + code,
                DeadLetterHeaders.TIME, NOW.minusSeconds(60).toString())
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>("cli.dlq.acme", 0, key.getBytes(StandardCharsets.UTF_8),
                ("payload of " + key).getBytes(StandardCharsets.UTF_8), headers);
    }

    private static Properties props() {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        return p;
    }

    private static void createTopics(String... names) throws Exception {
        try (Admin admin = Admin.create(props())) {
            admin.createTopics(java.util.Arrays.stream(names).map(n -> new NewTopic(n, 1, (short) 1)).toList()).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static void seed(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Properties p = props();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(producer.send(r)));
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties p = props();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = c.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            var end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
