package io.twinbridge.launcher;

import io.twinbridge.gateway.config.ConfigException;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.config.KafkaConfig;
import io.twinbridge.sandbox.fleet.AssetKind;
import io.twinbridge.sandbox.fleet.Encoding;
import io.twinbridge.sandbox.fleet.FaultKind;
import io.twinbridge.sandbox.fleet.AssetIncidents;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetProducer;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SchemaRegistration;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./twinbridge simulate}: the demo's fleet simulator against a Kafka that runs elsewhere (the compose stack's
 * {@code simulator} service). Sends until {@code --count} or {@code --duration}, or until Ctrl-C/SIGTERM, which
 * flush what was sent and print the totals. One plain progress line every {@link #PROGRESS_EVERY}.
 */
final class SimulateCommand extends PicocliCommand<SimulateOptions.Args> {
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> environment;
    private final Duration progressEvery;

    SimulateCommand(Map<String, String> environment, Duration progressEvery) {
        super("simulate", "send a simulated fleet's telemetry to an existing Kafka: simulate [--bootstrap-servers ...]",
                false, SimulateOptions.Args::new);
        this.environment = Map.copyOf(environment);
        this.progressEvery = progressEvery;
    }

    @Override
    int run(SimulateOptions.Args parsed, CommandLines.Parsed line, List<String> args, Console console)
            throws Exception {
        SimulateOptions options = SimulateOptions.parse(args, environment);
        KafkaConfig kafka = kafkaConfig(options, console);
        FleetSimulator fleet = new FleetSimulator(fleetOptions(options, kafka.topicPrefix()));
        Run run = new Run(options, fleet, new FleetProducer(producer(kafka)), console);
        Thread hook = new Thread(run::stopAndWait, "twinbridge-simulate-shutdown");
        // SIGINT and SIGTERM run shutdown hooks: stop sending, let the main thread flush and print the totals.
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            console.out().println("simulate: " + fleet.deviceCount() + " devices (" + options.devicesPerKind()
                    + " of each kind per tenant) -> " + String.join(", ", options.tenants().stream()
                    .map(fleet.options()::topic).toList()) + " at " + kafka.bootstrapServers() + ", "
                    + options.rate() + " records/s, " + options.encoding().configName() + ", bad share "
                    + options.badShare() + ", " + limitText(options));
            return run.sendUntilDone(progressEvery);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running right now and waits for this run to finish; nothing to remove
            }
        }
    }

    private static KafkaConfig kafkaConfig(SimulateOptions options, Console console) throws UsageException {
        try {
            GatewayConfig config = GatewayConfig.fromEnv(options.kafkaEnv());
            config.warnings().forEach(warning -> console.err().println("simulate: " + warning));
            return config.kafka();
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static FleetOptions fleetOptions(SimulateOptions options, String topicPrefix) throws Exception {
        FleetOptions fleet = FleetOptions.defaults().withTenants(options.tenants()).withTopicPrefix(topicPrefix)
                .withDevicesPerKind(options.devicesPerKind()).withEncoding(options.encoding())
                .withFaults(options.badShare(), EnumSet.allOf(FaultKind.class))
                // the demo's occasional turbine fault and filter replacement, for the dashboard to highlight
                .withIncidents(AssetIncidents.demo())
                // simulated time starts now, one sample per device and second, so the twins show current times
                .withStart(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (options.encoding() == Encoding.CONFLUENT) {
            URI registry = URI.create(options.schemaRegistry().orElseThrow());
            fleet = fleet.withConfluentIds(new SchemaRegistration(registry).register(EnumSet.allOf(AssetKind.class)));
        }
        return fleet;
    }

    /** The gateway's Kafka client settings (SASL/TLS pass-through included), plus durable, ordered sends. */
    private static KafkaProducer<String, byte[]> producer(KafkaConfig kafka) {
        Properties props = kafka.baseClientProperties();
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "twinbridge-simulate");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static String limitText(SimulateOptions options) {
        if (options.count().isEmpty() && options.duration().isEmpty()) {
            return "until Ctrl-C or SIGTERM";
        }
        return "until " + String.join(" or ", List.of(
                options.count().map(n -> n + " records").orElse(""),
                options.duration().map(d -> d.toString().substring(2).toLowerCase(Locale.ROOT)).orElse(""))
                .stream().filter(s -> !s.isEmpty()).toList());
    }

    /** One sending run; the main thread sends, a shutdown hook may stop it. */
    private static final class Run {
        private final SimulateOptions options;
        private final FleetSimulator fleet;
        private final FleetProducer producer;
        private final Console console;
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile boolean stopRequested;

        Run(SimulateOptions options, FleetSimulator fleet, FleetProducer producer, Console console) {
            this.options = options;
            this.fleet = fleet;
            this.producer = producer;
            this.console = console;
        }

        int sendUntilDone(Duration progressEvery) {
            long started = System.nanoTime();
            long maxRecords = options.count().orElse(Long.MAX_VALUE);
            long deadline = options.duration().map(d -> started + d.toNanos()).orElse(Long.MAX_VALUE);
            Iterator<SimRecord> records = fleet.records();
            long sent = 0;
            long acknowledged = 0;
            long failed = 0;
            try {
                // Runs in slices of progressEvery: each slice flushes, so its line shows what the broker has taken.
                while (!stopRequested && sent < maxRecords && System.nanoTime() < deadline) {
                    long sliceNanos = Math.min(progressEvery.toNanos(), deadline - System.nanoTime());
                    FleetProducer.Outcome slice = producer.run(records, new FleetProducer.Limits(options.rate(),
                            maxRecords - sent, Duration.ofNanos(Math.max(0, sliceNanos))));
                    sent += slice.sent();
                    acknowledged += slice.acknowledged();
                    failed += slice.failed();
                    double seconds = (System.nanoTime() - started) / 1e9;
                    console.out().printf(Locale.ROOT, "simulate: %d sent, %d acknowledged, %d failed, %.1f records/s%n",
                            sent, acknowledged, failed, seconds > 0 ? sent / seconds : 0.0);
                }
            } finally {
                producer.close();
                double seconds = (System.nanoTime() - started) / 1e9;
                console.out().printf(Locale.ROOT, "simulate: %s after %.1f s: %d sent, %d acknowledged, %d failed%n",
                        stopRequested ? "stopped" : "done", seconds, sent, acknowledged, failed);
                finished.countDown();
            }
            return failed == 0 && acknowledged == sent ? ExitCodes.OK : ExitCodes.FAILED;
        }

        void stopAndWait() {
            stopRequested = true;
            producer.stop();
            try {
                finished.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
