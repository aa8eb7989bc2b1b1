package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.IngestHarness.assertTwinHolds;
import static io.twinbridge.gateway.ingest.IngestHarness.twin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.model.FeatureModel;
import io.twinbridge.gateway.testkit.GatewayProcess;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.gateway.testkit.KafkaTestCluster;
import io.twinbridge.gateway.testkit.TestHttp;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12, at least once with the new structures: a gateway process holding a large coalesced backlog (200,000
 * events over 1,000 devices consumed, most of them waiting in pending patches behind a slow Ditto) is killed with
 * SIGKILL. Nothing was committed past what was persisted, and the next instance ends with the newest value of every
 * property in every twin.
 */
@Tag("flow")
class CoalescedBacklogCrashTest {
    private static final int EVENTS = 200_000;
    private static final String GROUP = "g-backlog";
    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("backlog");

    @Test
    void aGatewayKilledWithALargeCoalescedBacklogCommittedOnlyWhatWasPersistedAndTheNextOneFinishes()
            throws Exception {
        KafkaTestCluster kafka = STACK.kafka();
        DittoSandbox sandbox = STACK.sandbox();
        IngestHarness h = new IngestHarness(kafka, "backlog");
        h.createTopics("acme", "globex");
        List<SimRecord> records = IngestHarness.simulate(FleetOptions.defaults().withTopicPrefix("backlog")
                .withDevicesPerKind(125), EVENTS);
        h.produce(records);

        // given Ditto answers 2 s late, so the gateway consumes far faster than it persists
        sandbox.faults().delayAnswers(Duration.ofSeconds(2));
        int httpPort = TestHttp.unusedPort();
        Path log = Files.createTempFile("gateway-backlog", ".log");
        ProcessBuilder builder = GatewayProcess.builder(log);
        Map<String, String> env = builder.environment();
        env.putAll(GatewayStack.env(kafka, "backlog", sandbox.wsUrl(), sandbox.httpUrl()));
        env.put("TWINBRIDGE_KAFKA_GROUP_ID", GROUP);
        env.put("TWINBRIDGE_HTTP_PORT", Integer.toString(httpPort));
        env.put("TWINBRIDGE_KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000");
        env.put("TWINBRIDGE_KAFKA_CLIENT_HEARTBEAT_INTERVAL_MS", "1000");
        Process gateway = builder.start();
        Map<TopicPartition, Long> committedAtKill;
        Map<String, JsonObject> twinsAtKill = new HashMap<>();
        try {
            // a large backlog: most of the events consumed, unfinished, coalesced into about 1,000 pending patches
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> gauge(httpPort, "twinbridge_kafka_consumer_in_flight_records") >= EVENTS / 2);
        } finally {
            // when it is killed with SIGKILL
            gateway.destroyForcibly();
            assertTrue(gateway.waitFor(30, TimeUnit.SECONDS));
        }
        committedAtKill = committed();
        sandbox.store().things().forEach(t -> twinsAtKill.put(t.id().toString(), t.json()));
        long committedTotal = committedAtKill.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(committedTotal < EVENTS / 2, "killed with a backlog, " + committedTotal + " committed");

        // then every record below a committed offset was persisted in its twin when the process died
        int checked = 0;
        for (ConsumerRecord<byte[], byte[]> r : readBelow(h, committedAtKill)) {
            TwinPatch patch = h.codecs.forKind(CodecKind.AUTO).decode(r.value()).flatMap(h.mappers::map).value();
            String thingId = topicTenant(r.topic()) + ":" + new String(r.key(), StandardCharsets.UTF_8);
            JsonObject twin = twinsAtKill.get(thingId);
            assertTrue(twin != null, "committed, yet no twin: " + thingId);
            for (String feature : patch.featureIds()) {
                long stored = twin.getValue(JsonPointer.of("/features/" + feature + "/properties/"
                        + FeatureModel.SOURCE_TS)).filter(JsonValue::isNumber).map(JsonValue::asLong).orElse(0L);
                assertTrue(stored >= patch.featureSourceTimestamp(feature), () -> "committed past what was "
                        + "persisted: " + r.topic() + "-" + r.partition() + "@" + r.offset() + " " + feature);
            }
            checked++;
        }
        assertEquals(committedTotal, checked);

        // and the next instance, with Ditto fast again, ends with the newest value of every property
        sandbox.faults().delayAnswers(Duration.ZERO);
        DittoPort ditto = h.dittoPort(sandbox, "ingest-after-backlog-crash");
        IngestService next = h.ingest(GROUP, ditto);
        try {
            await().atMost(Duration.ofSeconds(300)).until(() -> h.committedTotal(GROUP) == EVENTS);
            Map<String, TwinPatch> expected = h.expectedTwins(records);
            assertEquals(1_000, expected.size());
            expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(), patch));
        } finally {
            next.stop().get();
            ditto.close().toCompletableFuture().get();
        }
    }

    private static String topicTenant(String topic) {
        return topic.substring(topic.lastIndexOf('.') + 1);
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers",
                STACK.kafka().bootstrapServers()))) {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .forEach((tp, om) -> {
                        if (om != null) {
                            out.put(tp, om.offset());
                        }
                    });
            return out;
        }
    }

    /** Every record of each partition below its committed offset. */
    private static List<ConsumerRecord<byte[], byte[]>> readBelow(IngestHarness h, Map<TopicPartition, Long> below) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafka().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> out = new java.util.ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = below.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(Map.Entry::getKey).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> position = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (partitions.stream().anyMatch(tp -> position.getOrDefault(tp, 0L) < below.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < below.get(tp)) {
                        out.add(r);
                    }
                    position.put(tp, r.offset() + 1);
                }
            }
        }
        return out;
    }

    /** One gauge of the gateway's Prometheus scrape; 0 while the gateway is not up yet. */
    private static double gauge(int port, String name) {
        try {
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Optional<String> line = text.lines().filter(l -> l.startsWith(name + " ")
                    || l.startsWith(name + "{")).findFirst();
            return line.map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
