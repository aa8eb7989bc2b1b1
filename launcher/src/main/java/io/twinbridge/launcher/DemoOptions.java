package io.twinbridge.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Ports and storage of a demo run. Port 0 picks a free port (used by tests).
 *
 * @param host         the interface every part binds to
 * @param kafkaPort    client port of the embedded broker
 * @param dittoPort    HTTP and WebSocket port of the Ditto sandbox
 * @param httpPort     HTTP port of the gateway (health, readiness)
 * @param kafkaDataDir where the broker keeps its data; empty means a temporary directory, removed on stop
 * @param fleetRate    events per second the simulated fleet sends; 0 = no fleet
 */
record DemoOptions(String host, int kafkaPort, int dittoPort, int httpPort, Optional<Path> kafkaDataDir,
        int fleetRate) {

    static final int DEFAULT_FLEET_RATE = 16;

    /** The options of {@code ./twinbridge demo}, as picocli reads them; checked by {@link #parse}. */
    @CommandLine.Command(name = "./twinbridge demo", description = "Start Kafka, the Ditto sandbox and the gateway on this machine, with a "
            + "first twin, until Ctrl-C or SIGTERM. Port 0 picks a free port.")
    static final class Args {
        @Mixin
        CommandLines.Help help;
        @Option(names = "--kafka-port", paramLabel = "N", description = "Client port of the embedded broker "
                + "(default 9092).")
        String kafkaPort;
        @Option(names = "--ditto-port", paramLabel = "N", description = "HTTP and WebSocket port of the Ditto sandbox "
                + "(default 8080).")
        String dittoPort;
        @Option(names = "--http-port", paramLabel = "N", description = "HTTP port of the gateway (default 8088).")
        String httpPort;
        @Option(names = "--kafka-data", paramLabel = "DIR", description = "Where the broker keeps its data (default: a "
                + "temporary directory, removed on stop).")
        Path kafkaData;
        @Option(names = "--fleet-rate", paramLabel = "EVENTS_PER_SECOND", description = "Events per second the "
                + "simulated fleet sends; 0 = no fleet (default 16).")
        String fleetRate;
    }

    DemoOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kafkaDataDir, "kafkaDataDir");
    }

    static DemoOptions defaults() {
        return new DemoOptions("127.0.0.1", 9092, 8080, 8088, Optional.empty(), DEFAULT_FLEET_RATE);
    }

    /** Every port 0: the parts pick free ports, so tests never collide with a running demo. */
    static DemoOptions randomPorts() {
        return new DemoOptions("127.0.0.1", 0, 0, 0, Optional.empty(), DEFAULT_FLEET_RATE);
    }

    static DemoOptions parse(List<String> args) throws UsageException {
        Args parsed = new Args();
        CommandLines.parse(parsed, args);
        return from(parsed);
    }

    static DemoOptions from(Args args) throws UsageException {
        DemoOptions options = defaults();
        if (args.kafkaPort != null) {
            options = options.withKafkaPort(port("--kafka-port", args.kafkaPort));
        }
        if (args.dittoPort != null) {
            options = options.withDittoPort(port("--ditto-port", args.dittoPort));
        }
        if (args.httpPort != null) {
            options = options.withHttpPort(port("--http-port", args.httpPort));
        }
        if (args.kafkaData != null) {
            options = options.withKafkaDataDir(args.kafkaData);
        }
        if (args.fleetRate != null) {
            options = options.withFleetRate(rate("--fleet-rate", args.fleetRate));
        }
        return options;
    }

    DemoOptions withKafkaPort(int port) {
        return new DemoOptions(host, port, dittoPort, httpPort, kafkaDataDir, fleetRate);
    }

    DemoOptions withDittoPort(int port) {
        return new DemoOptions(host, kafkaPort, port, httpPort, kafkaDataDir, fleetRate);
    }

    DemoOptions withHttpPort(int port) {
        return new DemoOptions(host, kafkaPort, dittoPort, port, kafkaDataDir, fleetRate);
    }

    DemoOptions withKafkaDataDir(Path dir) {
        return new DemoOptions(host, kafkaPort, dittoPort, httpPort, Optional.of(dir), fleetRate);
    }

    DemoOptions withFleetRate(int eventsPerSecond) {
        return new DemoOptions(host, kafkaPort, dittoPort, httpPort, kafkaDataDir, eventsPerSecond);
    }

    private static int rate(String flag, String value) throws UsageException {
        return number(flag, value, 0, 100_000, "between 0 (no fleet) and 100000 events/s",
                "a number of events per second");
    }

    private static int port(String flag, String value) throws UsageException {
        return number(flag, value, 0, 65535, "a port between 0 and 65535", "a port number");
    }

    /**
     * @param range what a value in {@code [min, max]} is, for the message when it is outside
     * @param what  what the value must be, for the message when it is no number
     */
    private static int number(String flag, String value, int min, int max, String range, String what)
            throws UsageException {
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new UsageException(flag + " must be " + range + ", was " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be " + what + ", was '" + value + "'");
        }
    }
}
