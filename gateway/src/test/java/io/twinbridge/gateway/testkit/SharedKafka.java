package io.twinbridge.gateway.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link KafkaTestCluster} shared by the broker tests of this JVM, as a JUnit 5 extension on a static field
 * ({@code @RegisterExtension static final SharedKafka KAFKA = new SharedKafka();}); JUnit closes it when the test run
 * ends. Starting a broker costs seconds, and each class keeps apart by its own topics and consumer groups. A test that
 * stops or breaks its broker must start its own.
 */
public final class SharedKafka implements BeforeAllCallback {
    private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(SharedKafka.class);
    private KafkaTestCluster cluster;

    /** The shared broker, started on first use. */
    static KafkaTestCluster of(ExtensionContext context) {
        return context.getRoot().getStore(SHARED).getOrComputeIfAbsent("kafka", key -> KafkaTestCluster.start(),
                KafkaTestCluster.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = of(context);
    }

    public KafkaTestCluster cluster() {
        return cluster;
    }
}
