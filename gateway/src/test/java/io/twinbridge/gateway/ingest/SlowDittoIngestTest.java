package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.IngestHarness.assertTwinHolds;
import static io.twinbridge.gateway.ingest.IngestHarness.twin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.testkit.SharedKafka;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13.1: Ditto answers slower than the gateway's request timeout while the things are being created. Each
 * command then times out, is retried, and its late answer arrives while a later command of the same write waits.
 * docs/ingest.md: a 404 creates the thing and merges again, a 408 is retried; neither is a reason to dead-letter.
 */
@Tag("flow")
class SlowDittoIngestTest {
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);
    private static final Duration SLOW = REQUEST_TIMEOUT.multipliedBy(5).dividedBy(2);
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @Test
    void lateAnswersWhileThingsAreCreatedDeadLetterNothingAndEveryTwinEndsNewest() throws Exception {
        IngestHarness h = new IngestHarness(KAFKA.cluster(), "slowditto");
        h.createTopics("acme", "globex");
        List<SimRecord> records = IngestHarness.simulate(FleetOptions.defaults().withTopicPrefix("slowditto")
                .withDevicesPerKind(6), 2_000);
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            DittoPort ditto = h.dittoPort(sandbox, "ingest", REQUEST_TIMEOUT);
            // given Ditto applies every command at once but answers 2.5 request timeouts late: merges (404 while no
            // thing exists), creates and their retries time out, and their answers come later
            sandbox.faults().delayAnswers(SLOW);
            IngestService ingest = h.ingest("g-slowditto", ditto);
            try {
                h.produce(records);
                for (int round = 0; round < 3; round++) {
                    sandbox.faults().delayAnswers(SLOW);
                    long retries = ingest.stats().dittoRetries();
                    // the first slow phase comes while the things are created, so its commands must time out; a
                    // later one may find every record finished already (nothing left to send, nothing to retry)
                    boolean mayBeDone = round > 0;
                    await().atMost(CATCH_UP).until(() -> ingest.stats().dittoRetries() > retries + 30
                            || mayBeDone && h.committedTotal("g-slowditto") == records.size());
                    // when Ditto answers in time again, while the late answers of the slow phase still arrive
                    sandbox.faults().delayAnswers(Duration.ZERO);
                    long created = ingest.stats().thingsCreated();
                    await().atMost(CATCH_UP).until(() -> ingest.stats().thingsCreated() > created
                            || h.committedTotal("g-slowditto") == records.size());
                }
                await().atMost(CATCH_UP).until(() -> h.committedTotal("g-slowditto") == records.size());

                // then no valid record was dead-lettered, and every twin holds the newest value of each property
                assertEquals(0, ingest.stats().deadLettered(), "dead-lettered because Ditto was slow");
                assertTrue(h.readAll("slowditto.dlq.acme", 1, Duration.ofSeconds(2)).isEmpty());
                assertTrue(h.readAll("slowditto.dlq.globex", 1, Duration.ofSeconds(2)).isEmpty());
                Map<String, TwinPatch> expected = h.expectedTwins(records);
                expected.forEach((thingId, patch) -> assertTwinHolds(twin(sandbox, thingId).orElseThrow(), patch));
            } finally {
                ingest.stop().get();
                ditto.close().toCompletableFuture().get();
            }
        }
    }
}
