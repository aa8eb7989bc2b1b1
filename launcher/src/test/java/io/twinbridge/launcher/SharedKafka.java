package io.twinbridge.launcher;

import io.twinbridge.sandbox.kafka.EmbeddedKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded broker the command tests of this JVM share, as a JUnit 5 extension on a static field; JUnit closes it
 * when the test run ends. Starting one costs seconds, and the tests keep apart by their own topic prefixes.
 */
final class SharedKafka implements BeforeAllCallback {
    private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(SharedKafka.class);
    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = context.getRoot().getStore(SHARED).getOrComputeIfAbsent("kafka",
                key -> EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(0)), EmbeddedKafka.class);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
