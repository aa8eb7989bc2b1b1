package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.IngestHarness.assertTwinHolds;
import static io.twinbridge.gateway.ingest.IngestHarness.twin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.codec.Codec;
import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.DecodeErrors;
import io.twinbridge.gateway.codec.DecodedEvent;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;
import io.twinbridge.gateway.testkit.SharedKafka;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.twinbridge.sandbox.ditto.SandboxStore;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ingest through a Ditto outage and a rebalance between two gateway instances. */
@Tag("flow")
class IngestResilienceTest {
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    private static List<SimRecord> simulate(String prefix, int count) {
        return IngestHarness.simulate(FleetOptions.defaults().withTopicPrefix(prefix).withDevicesPerKind(3), count);
    }

    @Test
    void aDittoOutageLosesNothingAndCommitsNothingUnpersisted() throws Exception {
        IngestHarness h = new IngestHarness(KAFKA.cluster(), "outage");
        h.createTopics("acme", "globex");
        List<SimRecord> records = simulate("outage", 3_000);
        List<SimRecord> before = records.subList(0, 1_000);
        List<SimRecord> during = records.subList(1_000, records.size());
        SandboxStore store = SandboxStore.inMemory();

        DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0), store);
        int port = sandbox.port();
        DittoPort ditto = h.dittoPort(sandbox, "ingest");
        IngestService ingest = h.ingest("g-outage", ditto);
        try {
            h.produce(before);
            await().atMost(CATCH_UP).until(() -> h.committedTotal("g-outage") == before.size());

            // given Ditto goes away mid-stream
            sandbox.close();
            long finishedAtOutage = ingest.stats().applied() + ingest.stats().staleRecords();
            h.produce(during);

            // then ingest keeps retrying, pauses, and commits nothing it has not persisted
            long retriesAtOutage = ingest.stats().dittoRetries();
            await().atMost(CATCH_UP).until(() -> ingest.stats().dittoRetries() > retriesAtOutage + 5
                    && ingest.consumerCounts().consumed() > before.size());
            for (int i = 0; i < 5; i++) {
                long retries = ingest.stats().dittoRetries();
                await().atMost(CATCH_UP).until(() -> ingest.stats().dittoRetries() > retries);
                assertTrue(h.committedTotal("g-outage") <= finishedAtOutage, "nothing committed past what was persisted");
                assertEquals(finishedAtOutage, ingest.stats().applied() + ingest.stats().staleRecords());
            }

            // when Ditto is back on the same port, with its state
            sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(port), store);
            await().atMost(CATCH_UP).until(() -> h.committedTotal("g-outage") == records.size());

            // then every twin holds the newest values: nothing lost, order kept per device
            Map<String, TwinPatch> expected = h.expectedTwins(records);
            DittoSandbox current = sandbox;
            expected.forEach((thingId, patch) -> assertTwinHolds(twin(current, thingId).orElseThrow(), patch));
            assertEquals(0, ingest.stats().deadLettered());
        } finally {
            ingest.stop().get();
            ditto.close().toCompletableFuture().get();
            sandbox.close();
        }
    }

    @Test
    void twoInstancesInOneGroupShareThePartitionsAndTheEndStateIsCorrect() throws Exception {
        IngestHarness h = new IngestHarness(KAFKA.cluster(), "pair");
        h.createTopics("acme", "globex");
        List<SimRecord> records = simulate("pair", 4_000);
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            DittoPort ditto1 = h.dittoPort(sandbox, "ingest-1");
            DittoPort ditto2 = h.dittoPort(sandbox, "ingest-2");
            IngestService first = h.ingest("g-pair", ditto1);
            IngestService second = null;
            try {
                h.produce(records.subList(0, 2_000));
                await().atMost(CATCH_UP).until(() -> first.consumerCounts().consumed() > 0);

                // a second instance joins mid-stream: the group rebalances and it takes partitions over
                second = h.ingest("g-pair", ditto2);
                IngestService joined = second;
                await().atMost(CATCH_UP).until(() -> joined.consumerStats().assignedPartitions() > 0
                        && first.consumerStats().assignedPartitions() + joined.consumerStats().assignedPartitions() == 8);
                h.produce(records.subList(2_000, records.size()));
                await().atMost(CATCH_UP).until(() -> h.committedTotal("g-pair") == records.size());

                assertTrue(joined.consumerCounts().consumed() > 0, "the second instance took partitions over");
                Map<String, TwinPatch> expected = h.expectedTwins(records);
                expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(), patch));
            } finally {
                first.stop().get();
                if (second != null) {
                    second.stop().get();
                }
                ditto1.close().toCompletableFuture().get();
                ditto2.close().toCompletableFuture().get();
            }
        }
    }

    /** What a test does with the ingest it started, its sandbox and its records. */
    private interface IngestRun {
        void check(IngestHarness h, IngestService ingest, DittoSandbox sandbox, List<SimRecord> records)
                throws Exception;
    }

    /**
     * 500 simulated records through an ingest whose codec is {@code wrap} of the real one (group {@code g-<prefix>}),
     * then {@code check}; the ingest and its session are stopped afterwards.
     */
    private static void withCodec(String prefix, UnaryOperator<Function<byte[], Result<DecodedEvent>>> wrap, IngestRun check) throws Exception {
        IngestHarness h = new IngestHarness(KAFKA.cluster(), prefix);
        h.createTopics("acme", "globex");
        List<SimRecord> records = simulate(prefix, 500);
        Codec real = h.codecs.forKind(CodecKind.AUTO);
        Function<byte[], Result<DecodedEvent>> decode = wrap.apply(real::decode);
        Codec wrapped = new Codec() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public Result<DecodedEvent> decode(byte[] value) {
                return decode.apply(value);
            }
        };
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            DittoPort ditto = h.dittoPort(sandbox, "ingest");
            IngestService ingest = new IngestService(h.settings("g-" + prefix, Duration.ofMillis(5)), h.tenants,
                    kind -> wrapped, h.models, ditto);
            ingest.start();
            try {
                h.produce(records);
                check.check(h, ingest, sandbox, records);
            } finally {
                ingest.stop().get();
                ditto.close().toCompletableFuture().get();
            }
        }
    }

    /**
     * A schema registry that does not answer for a while (decode.registry-unavailable) delays records, never loses
     * them: each is decoded again with backoff on the decode thread, and only then written and committed.
     */
    @Test
    void recordsWhoseRegistryDoesNotAnswerAreDecodedAgainAndReachTheirTwins() throws Exception {
        AtomicInteger refusals = new AtomicInteger(300);
        withCodec("regdown", real -> value -> refusals.getAndDecrement() > 0
                ? Result.err(new Failure(Stage.DECODE, DecodeErrors.REGISTRY_UNAVAILABLE, "registry down"))
                : real.apply(value), (h, ingest, sandbox, records) -> {
                    await().atMost(CATCH_UP).until(() -> h.committedTotal("g-regdown") == records.size());

                    assertTrue(ingest.stats().decodeRetries() >= 300, "every refusal was retried");
                    assertEquals(0, ingest.stats().deadLettered());
                    Map<String, TwinPatch> expected = h.expectedTwins(records);
                    expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(),
                            patch));
                });
    }

    /**
     * A defect that throws while one record is decoded does not stop the records after it (they are decoded in
     * batches on one thread): that record stays unfinished, so its partition's commit waits for it, and every other
     * record reaches its twin.
     */
    @Test
    void aRecordWhoseDecodingThrowsStaysUncommittedAndTheOthersGoOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        withCodec("throws", real -> value -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("a defect in the codec");
            }
            return real.apply(value);
        }, (h, ingest, sandbox, records) -> {
            await().atMost(CATCH_UP).until(() -> ingest.stats().applied() + ingest.stats().staleRecords()
                    == records.size() - 1);

            assertTrue(h.committedTotal("g-throws") < records.size(), "the record that threw is not committed");
            assertEquals(0, ingest.stats().deadLettered());
        });
    }
}
