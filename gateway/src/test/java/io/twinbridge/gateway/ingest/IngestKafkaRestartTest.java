package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.IngestHarness.assertTwinHolds;
import static io.twinbridge.gateway.ingest.IngestHarness.twin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.SimRecord;
import io.twinbridge.sandbox.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Kafka broker restart mid-stream is survived: ingest resumes by itself and loses nothing. */
@Tag("flow")
class IngestKafkaRestartTest {

    @TempDir
    Path kafkaData;

    @Test
    void aBrokerRestartMidStreamLosesNothing() throws Exception {
        EmbeddedKafka.Options options = EmbeddedKafka.Options.defaults().withPort(0).withDataDir(kafkaData);
        EmbeddedKafka broker = EmbeddedKafka.start(options);
        int port = broker.port();
        List<SimRecord> records = IngestHarness.simulate(FleetOptions.defaults().withTopicPrefix("restart")
                .withDevicesPerKind(2), 2_000);
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            IngestHarness h = new IngestHarness(broker.bootstrapServers(), "restart");
            h.createTopics("acme", "globex");
            DittoPort ditto = h.dittoPort(sandbox, "ingest");
            IngestService ingest = h.ingest("g-restart", ditto);
            try {
                h.produce(records.subList(0, 1_000));
                await().atMost(Duration.ofSeconds(60)).until(() -> h.committedTotal("g-restart") == 1_000);

                // given the broker goes down and comes back on the same port with its data
                broker.close();
                assertTrue(Files.exists(kafkaData), "the data directory survives the stop");
                broker = EmbeddedKafka.start(options.withPort(port));

                // then ingest reconnects by itself and finishes what is produced afterwards
                h.produce(records.subList(1_000, records.size()));
                await().atMost(Duration.ofSeconds(90)).until(() -> h.committedTotal("g-restart") == records.size());
                Map<String, TwinPatch> expected = h.expectedTwins(records);
                expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(), patch));
                assertEquals(0, ingest.stats().deadLettered());
            } finally {
                ingest.stop().get();
                ditto.close().toCompletableFuture().get();
            }
        } finally {
            broker.close();
        }
    }
}
