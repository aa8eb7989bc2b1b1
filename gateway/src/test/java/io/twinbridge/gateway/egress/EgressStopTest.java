package io.twinbridge.gateway.egress;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.mapping.EgressFormat;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import io.twinbridge.gateway.testkit.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;

/**
 * A gateway whose Kafka is down must stop within its shutdown timeout: egress's start is then blocked in Kafka
 * (creating its topics, reading its position), and its stop must neither wait for that nor for the client's own
 * 30 s timeouts.
 */
class EgressStopTest {
    private static final Duration SHUTDOWN = Duration.ofSeconds(2);
    /** The shutdown timeout plus what a loaded machine needs to run the completions. */
    private static final long STOPPED_WITHIN_S = 8;
    private static final TenantSettings ACME = new TenantSettings(TenantId.of("acme"), "acme", CodecKind.AUTO,
            Optional.empty());

    @Test
    void withoutElectionItStopsInTimeWhileItsStartWaitsForKafka() throws Exception {
        assertStopsInTime(Optional.empty());
    }

    @Test
    void withElectionItStopsInTimeWhileItsStartWaitsForKafka() throws Exception {
        assertStopsInTime(Optional.of(Duration.ofSeconds(6)));
    }

    @Test
    void theConstructorOpensNoKafkaClientAndAServiceNeverStartedStops() throws Exception {
        Properties kafka = new Properties();
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + TestHttp.unusedPort());
        EgressSettings settings = new EgressSettings(kafka, "ctor", EgressFormat.AVRO, Optional.empty(), 100, 100,
                Duration.ZERO, 100, Optional.empty(), "ctor-test");
        FakeDittoPort ditto = new FakeDittoPort();
        java.util.concurrent.atomic.AtomicInteger producersMade = new java.util.concurrent.atomic.AtomicInteger();
        EgressService egress = new EgressService(settings, new TenantDirectory(List.of(ACME)), EgressTestKit.MODELS,
                (name, acks) -> ditto, ditto, props -> {
                    producersMade.incrementAndGet();
                    throw new AssertionError("no producer before start()");
                });

        assertEquals(0, producersMade.get(), "building the service made a Kafka producer");
        egress.stop(SHUTDOWN).get(STOPPED_WITHIN_S, TimeUnit.SECONDS);
    }

    private static void assertStopsInTime(Optional<Duration> failover) throws Exception {
        Properties kafka = new Properties();
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + TestHttp.unusedPort());
        EgressSettings settings = new EgressSettings(kafka, "stop", EgressFormat.AVRO, Optional.empty(), 100, 100,
                Duration.ZERO, 100, failover, "stop-test");
        FakeDittoPort ditto = new FakeDittoPort();
        EgressService egress = new EgressService(settings, new TenantDirectory(List.of(ACME)), EgressTestKit.MODELS,
                (name, acks) -> ditto, ditto);
        egress.start();
        // given: the tenant's start waits for Kafka (creating the egress topics)
        await().atMost(Duration.ofSeconds(30)).until(EgressStopTest::startWaitsForKafka);

        long began = System.nanoTime();
        egress.stop(SHUTDOWN).get(STOPPED_WITHIN_S, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        assertTrue(tookMs <= SHUTDOWN.toMillis() + 2_000, "stop took " + tookMs + " ms");
    }

    private static boolean startWaitsForKafka() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName()
                .startsWith("twinbridge-egress-start-") && t.getState() == Thread.State.TIMED_WAITING);
    }
}
