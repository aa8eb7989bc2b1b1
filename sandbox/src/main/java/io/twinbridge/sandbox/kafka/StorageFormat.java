package io.twinbridge.sandbox.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Formats a KRaft storage directory, as {@code kafka-storage.sh format} does, through the same {@link Formatter} that
 * {@code kafka.tools.StorageTool} uses, but without its argument parsing and without any path to System.exit.
 */
final class StorageFormat {
    private static final String META_PROPERTIES = "meta.properties";

    private StorageFormat() {
    }

    /** Formats {@code dataDir} with a new cluster id; leaves a directory that is already formatted as it is. */
    static void ensureFormatted(Path dataDir) throws Exception {
        // The formatter's "ignore formatted" still insists on the cluster id it was given; reuse means: don't format.
        if (Files.exists(dataDir.resolve(META_PROPERTIES))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(BrokerConfig.NODE_ID)
                .setDirectories(List.of(dataDir.toString()))
                .setMetadataLogDirectory(dataDir.toString())
                .setControllerListenerName(BrokerConfig.CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }
}
