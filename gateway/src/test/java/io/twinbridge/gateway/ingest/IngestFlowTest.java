package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.IngestHarness.assertTwinHolds;
import static io.twinbridge.gateway.ingest.IngestHarness.header;
import static io.twinbridge.gateway.ingest.IngestHarness.simulate;
import static io.twinbridge.gateway.ingest.IngestHarness.twin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.kafka.DeadLetterHeaders;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.testkit.SharedKafka;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.twinbridge.sandbox.fleet.FaultKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ingest end to end: real broker, real sandbox over WebSocket, the production Ditto adapter. */
@Tag("flow")
class IngestFlowTest {
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @Test
    void everyTwinEndsAtTheNewestValueOfEveryPropertyAndEveryOffsetIsCommitted() throws Exception {
        IngestHarness h = new IngestHarness(KAFKA.cluster(), "last");
        h.createTopics("acme", "globex");
        List<SimRecord> records = simulate(FleetOptions.defaults().withTopicPrefix("last").withDevicesPerKind(3), 2_400);
        h.produce(records);

        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            DittoPort ditto = h.dittoPort(sandbox, "ingest");
            IngestService ingest = h.ingest("g-last", ditto);
            try {
                long produced = h.endOffsetsTotal("last.telemetry.acme") + h.endOffsetsTotal("last.telemetry.globex");
                assertEquals(records.size(), produced);
                await().atMost(CATCH_UP).until(() -> h.committedTotal("g-last") == produced);

                Map<String, TwinPatch> expected = h.expectedTwins(records);
                assertEquals(24, expected.size(), "2 tenants x 4 kinds x 3 devices");
                expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(), patch));
                assertEquals(records.size(), ingest.stats().applied() + ingest.stats().staleRecords());
                assertEquals(0, ingest.stats().deadLettered());
                assertEquals(24, ingest.stats().thingsCreated(), "each thing created once");
                assertTrue(ingest.stats().mergesSent() < records.size(), "coalescing saves merges");
            } finally {
                ingest.stop().get();
            }

            // a replay of the whole topic (a new group starts at the beginning) must not overwrite newer state
            Map<String, Long> revisions = new HashMap<>();
            sandbox.store().things().forEach(t -> revisions.put(t.id().toString(), t.revision()));
            IngestService replay = h.ingest("g-last-replay", ditto);
            try {
                long produced = records.size();
                await().atMost(CATCH_UP).until(() -> h.committedTotal("g-last-replay") == produced);
                assertEquals(produced, replay.stats().staleRecords(), "every replayed event is recognised as stale");
                assertEquals(0, replay.stats().applied());
                assertEquals(0, replay.stats().deadLettered());
                assertTrue(replay.stats().staleDrops() > 0);
                sandbox.store().things().forEach(t -> assertEquals(revisions.get(t.id().toString()), t.revision(),
                        "stale events changed " + t.id()));
                Map<String, TwinPatch> expected = h.expectedTwins(records);
                expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(), patch));
            } finally {
                replay.stop().get();
                ditto.close().toCompletableFuture().get();
            }
        }
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithStageAndCodeAndNeverBlock() throws Exception {
        IngestHarness h = new IngestHarness(KAFKA.cluster(), "poison");
        h.createTopics("acme", "globex");
        List<SimRecord> records = simulate(FleetOptions.defaults().withTopicPrefix("poison").withTenants(List.of("acme"))
                .withFaults(0.25, EnumSet.allOf(FaultKind.class)), 800);

        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            // a thing whose policy lets the gateway read but not write: Ditto rejects its updates with 403
            SimRecord victim = records.stream().filter(r -> r.fault().isEmpty()).findFirst().orElseThrow();
            String victimThing = "acme:" + victim.key();
            createReadOnlyThing(sandbox, victimThing);
            h.produce(records);

            DittoPort ditto = h.dittoPort(sandbox, "ingest");
            IngestService ingest = h.ingest("g-poison", ditto);
            try {
                await().atMost(CATCH_UP).until(() -> h.committedTotal("g-poison") == records.size());

                Map<String, String> expectedCode = Map.of(
                        FaultKind.GARBAGE.name(), "decode.malformed",
                        FaultKind.UNKNOWN_SCHEMA.name(), "decode.unknown-schema",
                        FaultKind.OUT_OF_RANGE.name(), "validate.out-of-range",
                        FaultKind.WRONG_TYPE_OR_TRUNCATED.name(), "decode.malformed",
                        FaultKind.FOREIGN_DEVICE.name(), "map.foreign-namespace");
                long bad = records.stream().filter(r -> r.fault().isPresent()).count();
                long victimRecords = records.stream().filter(r -> r.fault().isEmpty() && r.key().equals(victim.key()))
                        .count();
                assertTrue(bad > 100, "enough bad records: " + bad);
                List<ConsumerRecord<byte[], byte[]>> dlq = h.readAll("poison.dlq.acme", (int) (bad + victimRecords),
                        Duration.ofSeconds(30));
                assertEquals(bad + victimRecords, dlq.size());

                // every dead letter names where it came from and why, with the source bytes unchanged
                List<String> codes = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> d : dlq) {
                    assertEquals("poison.telemetry.acme", header(d, DeadLetterHeaders.TOPIC));
                    String code = header(d, DeadLetterHeaders.CODE);
                    assertTrue(code.startsWith(header(d, DeadLetterHeaders.STAGE) + "."), code);
                    codes.add(code);
                }
                Map<String, Long> wanted = new HashMap<>();
                records.stream().filter(r -> r.fault().isPresent())
                        .forEach(r -> wanted.merge(expectedCode.get(r.fault().get().name()), 1L, Long::sum));
                wanted.merge("ditto.things:thing.notmodifiable", victimRecords, Long::sum);
                Map<String, Long> got = codes.stream().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
                assertEquals(wanted, got);

                // every good record reached its twin
                Map<String, TwinPatch> expected = h.expectedTwins(records.stream()
                        .filter(r -> !r.key().equals(victim.key())).toList());
                expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(), patch));
                assertEquals(records.size() - bad - victimRecords,
                        ingest.stats().applied() + ingest.stats().staleRecords());
            } finally {
                ingest.stop().get();
                ditto.close().toCompletableFuture().get();
            }
        }
    }

    /** Creates the thing, then narrows its policy so that the gateway's subject may read but not write it. */
    @Test
    void aTenantAddedAtRunTimeIsIngestedWithoutARestart() throws Exception {
        IngestHarness h = new IngestHarness(KAFKA.cluster(), "dyn");
        h.createTopics("acme", "globex");
        List<SimRecord> records = simulate(FleetOptions.defaults().withTopicPrefix("dyn"), 400);
        h.produce(records);
        long acmeRecords = records.stream().filter(r -> r.tenant().equals("acme")).count();
        TenantDirectory directory = new TenantDirectory(List.of(h.tenants.get(TenantId.of("acme")).orElseThrow()));

        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            DittoPort ditto = h.dittoPort(sandbox, "ingest");
            IngestService ingest = h.ingest("g-dyn", ditto, directory);
            try {
                // only acme is served: globex's topic is not even consumed
                await().atMost(CATCH_UP).until(() -> h.committedTotal("g-dyn") == acmeRecords);
                assertEquals(acmeRecords, ingest.consumerCounts().consumed());

                // when globex is added, its backlog flows in without a restart
                directory.put(h.tenants.get(TenantId.of("globex")).orElseThrow());
                ingest.tenantsChanged();
                await().atMost(CATCH_UP).until(() -> h.committedTotal("g-dyn") == records.size());
                Map<String, TwinPatch> expected = h.expectedTwins(records);
                expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(), patch));
            } finally {
                ingest.stop().get();
                ditto.close().toCompletableFuture().get();
            }
        }
    }

    private static void createReadOnlyThing(DittoSandbox sandbox, String thingId) throws Exception {
        assertEquals(201, send(sandbox, "PUT", "/api/2/things/" + thingId, "{\"attributes\":{\"note\":\"locked\"}}"));
        String policy = """
                {"entries":{"GATEWAY":{"subjects":{"nginx:ditto":{"type":"basic"}},
                   "resources":{"thing:/":{"grant":["READ"],"revoke":[]},
                                "policy:/":{"grant":["READ","WRITE"],"revoke":[]}}}}}""";
        assertEquals(204, send(sandbox, "PUT", "/api/2/policies/" + thingId, policy));
    }

    private static int send(DittoSandbox sandbox, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.httpUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ditto:ditto"
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
