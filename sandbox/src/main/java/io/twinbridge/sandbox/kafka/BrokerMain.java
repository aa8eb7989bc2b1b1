package io.twinbridge.sandbox.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded broker as a process of its own until the JVM is stopped, so that a fault suite can kill and
 * restart it ({@code ./twinbridge bench faults}). Arguments: {@code --port P --controller-port C --data-dir D
 * [--partitions N] [--host H]}. A restart on the same data directory and ports finds its topics and offsets again.
 */
public final class BrokerMain {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);
    private static final String USAGE = "usage: BrokerMain --port P --controller-port C --data-dir D [--partitions N]"
            + " [--host H]";

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka.Options options = parse(args);
        EmbeddedKafka kafka = EmbeddedKafka.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "broker-shutdown"));
        LOG.info("Broker listening on {}", kafka.bootstrapServers());
        stopped.await();
    }

    static EmbeddedKafka.Options parse(String[] args) {
        EmbeddedKafka.Options options = EmbeddedKafka.Options.defaults();
        boolean dataDir = false;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i] + "; " + USAGE);
            }
            String value = args[i + 1];
            options = switch (args[i]) {
                case "--host" -> options.withHost(value);
                case "--port" -> options.withPort(Integer.parseInt(value));
                case "--controller-port" -> options.withControllerPort(Integer.parseInt(value));
                case "--partitions" -> options.withNumPartitions(Integer.parseInt(value));
                case "--data-dir" -> {
                    dataDir = true;
                    yield options.withDataDir(Path.of(value));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            };
        }
        if (!dataDir) {
            // a temporary directory would be gone after a kill, and a restart would find an empty broker
            throw new IllegalArgumentException("--data-dir is required; " + USAGE);
        }
        return options;
    }
}
