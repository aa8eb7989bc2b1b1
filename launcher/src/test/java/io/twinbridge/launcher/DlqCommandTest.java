package io.twinbridge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinbridge.gateway.dlq.ReplayRecords;
import io.twinbridge.gateway.kafka.DeadLetterHeaders;
import io.twinbridge.gateway.testkit.SharedKafka;
import io.twinbridge.gateway.testkit.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
        line.addAll(List.of("--bootstrap-servers", KAFKA.cluster().bootstrapServers()));
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

    private static void createTopics(String... names) throws Exception {
        Map<String, Integer> onePartition = new java.util.LinkedHashMap<>();
        for (String name : names) {
            onePartition.put(name, 1);
        }
        TestTopics.of(KAFKA.cluster()).create(onePartition);
    }

    private static void seed(List<ProducerRecord<byte[], byte[]>> records) {
        TestTopics.of(KAFKA.cluster()).produce(records);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return TestTopics.of(KAFKA.cluster()).readToEnd(topic);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
