package io.twinbridge.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    static final String USAGE = "usage: ./twinbridge demo [--kafka-port N] [--ditto-port N] [--http-port N]"
            + " [--kafka-data DIR] [--fleet-rate EVENTS_PER_SECOND]";
    static final int DEFAULT_FLEET_RATE = 16;
    private static final List<String> FLAGS = List.of("--kafka-port", "--ditto-port", "--http-port", "--kafka-data",
            "--fleet-rate");

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
        DemoOptions options = defaults();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (!FLAGS.contains(flag)) {
                throw new UsageException("unknown option: " + flag + "\n" + USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("missing value for " + flag + "\n" + USAGE);
            }
            String value = args.get(++i);
            options = switch (flag) {
                case "--kafka-port" -> options.withKafkaPort(port(flag, value));
                case "--ditto-port" -> options.withDittoPort(port(flag, value));
                case "--http-port" -> options.withHttpPort(port(flag, value));
                case "--kafka-data" -> options.withKafkaDataDir(Path.of(value));
                case "--fleet-rate" -> options.withFleetRate(rate(flag, value));
                default -> throw new UsageException("unknown option: " + flag + "\n" + USAGE);
            };
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
        try {
            int rate = Integer.parseInt(value);
            if (rate < 0 || rate > 100_000) {
                throw new UsageException(flag + " must be between 0 (no fleet) and 100000 events/s, was " + value);
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number of events per second, was '" + value + "'");
        }
    }

    private static int port(String flag, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new UsageException(flag + " must be a port between 0 and 65535, was " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a port number, was '" + value + "'");
        }
    }
}
