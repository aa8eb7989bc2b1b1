package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.IngestHarness.assertTwinHolds;
import static io.twinbridge.gateway.ingest.IngestHarness.header;
import static io.twinbridge.gateway.ingest.IngestHarness.twin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.kafka.DeadLetterHeaders;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.testkit.KafkaTestCluster;
import io.twinbridge.gateway.testkit.SharedKafka;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.twinbridge.sandbox.fleet.FaultKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ingest isolation: the tenant comes from the topic, and a record cannot reach into another tenant's namespace. */
@Tag("flow")
class TenantIngestIsolationTest {
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @Test
    void aRecordOnAcmesTopicForAGlobexDeviceIsDeadLetteredAndGlobexsTwinIsUntouched() throws Exception {
        KafkaTestCluster kafka = KAFKA.cluster();
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            IngestHarness h = new IngestHarness(kafka, "iso");
            h.createTopics("acme", "globex");
            List<SimRecord> records = new FleetSimulator(FleetOptions.defaults().withTopicPrefix("iso")
                    .withTenants(List.of("acme", "globex")).withDevicesPerKind(2)
                    .withFaults(0.3, EnumSet.of(FaultKind.FOREIGN_DEVICE))).stream().limit(400).toList();
            List<SimRecord> intruders = records.stream()
                    .filter(r -> r.tenant().equals("acme") && r.fault().isPresent()).toList();
            assertTrue(intruders.size() > 10, "enough records aimed at globex: " + intruders.size());
            assertTrue(intruders.stream().allMatch(r -> r.key().startsWith("globex:")));
            h.produce(records);

            DittoPort ditto = h.dittoPort(sandbox, "ingest");
            IngestService ingest = h.ingest("g-iso", ditto);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> h.committedTotal("g-iso") == records.size());

                List<ConsumerRecord<byte[], byte[]>> dlq = h.readAll("iso.dlq.acme", intruders.size(),
                        Duration.ofSeconds(30));
                assertEquals(intruders.size(), dlq.size());
                for (ConsumerRecord<byte[], byte[]> d : dlq) {
                    assertEquals("map.foreign-namespace", header(d, DeadLetterHeaders.CODE));
                    assertTrue(new String(d.key(), StandardCharsets.UTF_8).startsWith("globex:"));
                }

                // globex's twins hold exactly globex's own telemetry: the latest of its own records wins everywhere
                Map<String, TwinPatch> expected = h.expectedTwins(records.stream()
                        .filter(r -> r.tenant().equals("globex")).toList());
                assertTrue(!expected.isEmpty());
                expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(), patch));
                Map<String, Long> twinsPerTenant = sandbox.store().things().stream()
                        .collect(Collectors.groupingBy(t -> t.id().getNamespace(), Collectors.counting()));
                assertEquals((long) expected.size(), twinsPerTenant.get("globex"),
                        "no extra globex twin was created from acme's topic");
            } finally {
                ingest.stop().get();
                ditto.close().toCompletableFuture().get();
            }
        }
    }
}
