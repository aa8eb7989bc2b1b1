package io.twinbridge.sandbox.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real Kafka broker in this JVM: one KRaft node that is both broker and controller, reachable over TCP like any
 * other broker. Start it with {@link #start(Options)}; {@link #close()} shuts it down cleanly.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final String host;
    private final int port;
    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String host, int port, Path dataDir, boolean deleteDataDirOnClose) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.deleteDataDirOnClose = deleteDataDirOnClose;
    }

    /**
     * Formats the data directory when needed and starts the broker; returns once it accepts clients.
     *
     * @throws PortInUseException when the client or controller port is taken
     */
    public static EmbeddedKafka start(Options options) {
        int port = Ports.resolve(options.host(), options.port(), "Kafka");
        int controllerPort = Ports.resolveDistinct(options.host(), options.controllerPort(), port, "Kafka controller");
        boolean temporary = options.dataDir().isEmpty();
        Path dataDir = options.dataDir().orElseGet(EmbeddedKafka::createTempDir);
        try {
            Files.createDirectories(dataDir);
            StorageFormat.ensureFormatted(dataDir);
            KafkaConfig config = new KafkaConfig(
                    BrokerConfig.properties(options.host(), port, controllerPort, dataDir, options.numPartitions()),
                    false);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            startOrShutDown(server);
            LOG.info("Embedded Kafka up on {}:{} with data in {}", options.host(), port, dataDir);
            return new EmbeddedKafka(server, options.host(), port, dataDir, temporary);
        } catch (Exception e) {
            if (temporary) {
                deleteRecursively(dataDir);
            }
            throw new IllegalStateException("Embedded Kafka failed to start on " + options.host() + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    private static void startOrShutDown(KafkaRaftServer server) {
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
    }

    /** {@code host:port} for the {@code bootstrap.servers} client setting. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down and waits for it; deletes the data directory when it was a temporary one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteDataDirOnClose) {
            deleteRecursively(dataDir);
        }
        LOG.info("Embedded Kafka on {} stopped", bootstrapServers());
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("twinbridge-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary Kafka data directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(EmbeddedKafka::delete);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", path, e.toString());
        }
    }

    /**
     * Where and how the embedded broker listens and stores its data. Immutable; {@code with…} returns a copy.
     *
     * @param host           the interface both listeners bind to, and the address the broker advertises
     * @param port           the client (PLAINTEXT) port; 0 picks a free one
     * @param controllerPort the KRaft controller port; 0 picks a free one
     * @param dataDir        the storage directory; empty means a fresh temporary directory, deleted on close. A
     *                       given directory is kept, and reused as it is when it is already formatted.
     * @param numPartitions  partitions of auto-created topics
     */
    public record Options(String host, int port, int controllerPort, Optional<Path> dataDir, int numPartitions) {

        public static final int DEFAULT_PORT = 9092;

        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(dataDir, "dataDir");
            requirePort("port", port);
            requirePort("controllerPort", controllerPort);
            if (numPartitions < 1) {
                throw new IllegalArgumentException("numPartitions must be at least 1, was " + numPartitions);
            }
        }

        /** 127.0.0.1:9092, a free controller port, a temporary data directory, 4 partitions per topic. */
        public static Options defaults() {
            return new Options("127.0.0.1", DEFAULT_PORT, 0, Optional.empty(), 4);
        }

        public Options withHost(String newHost) {
            return new Options(newHost, port, controllerPort, dataDir, numPartitions);
        }

        public Options withPort(int newPort) {
            return new Options(host, newPort, controllerPort, dataDir, numPartitions);
        }

        public Options withControllerPort(int newControllerPort) {
            return new Options(host, port, newControllerPort, dataDir, numPartitions);
        }

        public Options withDataDir(Path newDataDir) {
            return new Options(host, port, controllerPort, Optional.of(newDataDir), numPartitions);
        }

        public Options withNumPartitions(int newNumPartitions) {
            return new Options(host, port, controllerPort, dataDir, newNumPartitions);
        }

        private static void requirePort(String name, int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + value);
            }
        }
    }
}
