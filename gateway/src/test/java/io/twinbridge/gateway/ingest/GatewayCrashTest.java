package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.IngestHarness.assertTwinHolds;
import static io.twinbridge.gateway.ingest.IngestHarness.twin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.testkit.GatewayProcess;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.gateway.testkit.KafkaTestCluster;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A gateway process killed mid-stream (no clean shutdown) loses nothing: the next instance in the group resumes. */
@Tag("flow")
class GatewayCrashTest {
    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("crash");

    @Test
    void aKilledGatewayLosesNoEventAndTheNextInstanceFinishesTheWork() throws Exception {
        KafkaTestCluster kafka = STACK.kafka();
        DittoSandbox sandbox = STACK.sandbox();
        IngestHarness h = new IngestHarness(kafka, "crash");
        h.createTopics("acme", "globex");
        List<SimRecord> records = IngestHarness.simulate(FleetOptions.defaults().withTopicPrefix("crash")
                .withDevicesPerKind(3), 6_000);
        h.produce(records);

        // given a gateway process that is working through the backlog
        Path log = Files.createTempFile("gateway-crash", ".log");
        ProcessBuilder builder = GatewayProcess.builder(log);
        Map<String, String> env = builder.environment();
        env.putAll(GatewayStack.env(kafka, "crash", sandbox.wsUrl(), sandbox.httpUrl()));
        env.put("TWINBRIDGE_INGEST_COALESCE_WINDOW", "0ms");
        // the group notices the dead member after the session timeout; keep it at the broker's minimum
        env.put("TWINBRIDGE_KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000");
        env.put("TWINBRIDGE_KAFKA_CLIENT_HEARTBEAT_INTERVAL_MS", "1000");
        Process gateway = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> h.committedTotal("g-crash") > 0);
        } finally {
            // when it is killed without a clean shutdown
            gateway.destroyForcibly();
            assertTrue(gateway.waitFor(30, TimeUnit.SECONDS));
        }
        long committedAtCrash = h.committedTotal("g-crash");
        assertTrue(committedAtCrash < records.size(), "killed mid-stream, " + committedAtCrash + " committed");

        // then a new instance in the same group resumes from the committed offsets and nothing is lost
        DittoPort ditto = h.dittoPort(sandbox, "ingest-after-crash");
        IngestService next = h.ingest("g-crash", ditto);
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> h.committedTotal("g-crash") == records.size());
            Map<String, TwinPatch> expected = h.expectedTwins(records);
            expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(), patch));
        } finally {
            next.stop().get();
            ditto.close().toCompletableFuture().get();
        }
    }
}
