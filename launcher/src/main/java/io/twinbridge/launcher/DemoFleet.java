package io.twinbridge.launcher;

import io.twinbridge.sandbox.fleet.AssetIncidents;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetProducer;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's simulated fleet: two tenants with two devices of every kind, sending live telemetry to Kafka until the
 * demo stops. Simulated time starts now and advances one second per sample, so the twins show current timestamps.
 * Now and then an asset faults and recovers ({@link AssetIncidents}), so that the dashboard has something to highlight.
 */
final class DemoFleet {
    static final List<String> TENANTS = List.of("acme", "globex");
    private static final Logger LOG = LoggerFactory.getLogger(DemoFleet.class);
    private static final Duration MAX_RUN = Duration.ofDays(7);

    private final FleetProducer producer;
    private final Thread thread;

    private DemoFleet(FleetProducer producer, Thread thread) {
        this.producer = producer;
        this.thread = thread;
    }

    static DemoFleet start(String bootstrapServers, String topicPrefix, int eventsPerSecond,
                           AssetIncidents incidents) {
        FleetSimulator fleet = new FleetSimulator(FleetOptions.defaults().withTenants(TENANTS)
                .withTopicPrefix(topicPrefix).withDevicesPerKind(2)
                .withStart(Instant.now().truncatedTo(ChronoUnit.SECONDS)).withIncidents(incidents));
        FleetProducer producer = FleetProducer.connect(bootstrapServers);
        Thread thread = new Thread(() -> {
            FleetProducer.Outcome outcome = producer.run(fleet.records(),
                    new FleetProducer.Limits(eventsPerSecond, Long.MAX_VALUE, MAX_RUN));
            LOG.info("Simulated fleet stopped: {} sent, {} acknowledged, {} failed", outcome.sent(),
                    outcome.acknowledged(), outcome.failed());
        }, "twinbridge-demo-fleet");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Simulated fleet: {} devices for tenants {}, {} events/s", fleet.deviceCount(), TENANTS,
                eventsPerSecond);
        return new DemoFleet(producer, thread);
    }

    void stop() {
        producer.stop();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
