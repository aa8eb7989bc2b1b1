package io.twinbridge.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twinbridge.gateway.ditto.DetachedPort;
import io.twinbridge.gateway.kafka.InFlightLimits;
import io.twinbridge.gateway.testkit.TestHttp;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: building the ingest service opens no Kafka client (its dead-letter producer is opened by {@code start()}),
 * and a service that was never started stops at once.
 */
class IngestServiceLifecycleTest {
    private static final String CLIENT_ID = "ingest-lifecycle-test";

    @Test
    void theConstructorOpensNoKafkaClientAndAServiceNeverStartedStops() throws Exception {
        Properties kafka = new Properties();
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + TestHttp.unusedPort());
        kafka.put(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID);
        IngestHarness h = new IngestHarness("127.0.0.1:1", "lifecycle");
        IngestSettings settings = new IngestSettings(kafka, "g-lifecycle", "lifecycle", Duration.ofMillis(5),
                new InFlightLimits(200, 2_000, 1 << 24), Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofMillis(20), Duration.ofMillis(500), "http://127.0.0.1:8088");

        IngestService ingest = new IngestService(settings, h.tenants, h.codecs::forKind, h.models, new DetachedPort());

        assertEquals(0, kafkaClientThreads(), "building the service opened a Kafka client");
        ingest.stop().get(30, TimeUnit.SECONDS);
        assertEquals(0, kafkaClientThreads(), "stopping a service never started opened a Kafka client");
    }

    /** Kafka clients name their network thread after their client id. */
    private static long kafkaClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains(CLIENT_ID)).count();
    }
}
