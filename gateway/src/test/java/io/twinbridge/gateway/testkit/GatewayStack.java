package io.twinbridge.gateway.testkit;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What an end-to-end flow test stands on, as a JUnit 5 extension on a static field
 * ({@code @RegisterExtension static final GatewayStack STACK = GatewayStack.prefix("metrics")...}): a Kafka broker,
 * a Ditto sandbox of the class's own, its topics created ahead (a pattern subscription would see them only minutes
 * later), and the gateways it starts through {@link #start}, stopped after the class.
 *
 * <p>The broker is the {@link SharedKafka} one of this JVM: each class keeps apart by its own topic prefix,
 * consumer group and topics. A test that stops or breaks its broker must start its own {@link KafkaTestCluster}.
 */
public final class GatewayStack implements BeforeAllCallback, AfterAllCallback {
    private final String prefix;
    private final Map<String, Integer> topics = new LinkedHashMap<>();
    private final List<Gateway> running = new CopyOnWriteArrayList<>();
    private UnaryOperator<SandboxOptions> sandboxOptions = UnaryOperator.identity();
    private KafkaTestCluster kafka;
    private DittoSandbox sandbox;

    private GatewayStack(String prefix) {
        this.prefix = prefix;
    }

    /** A stack whose gateways use this topic prefix and the consumer group {@code g-<prefix>}. */
    public static GatewayStack prefix(String prefix) {
        return new GatewayStack(prefix);
    }

    /** Adjusts the sandbox's options (it always listens on a random port). */
    public GatewayStack sandbox(UnaryOperator<SandboxOptions> options) {
        this.sandboxOptions = options;
        return this;
    }

    /** A topic to create before the tests, with this many partitions. */
    public GatewayStack topic(String name, int partitions) {
        topics.put(name, partitions);
        return this;
    }

    /** A topic of this stack's prefix, {@code <prefix>.<kind>.<tenant>}, for each tenant. */
    public GatewayStack topics(String kind, int partitions, String... tenants) {
        for (String tenant : tenants) {
            topic(prefix + "." + kind + "." + tenant, partitions);
        }
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = SharedKafka.of(context);
        sandbox = DittoSandbox.start(sandboxOptions.apply(SandboxOptions.defaults()).withPort(0));
        if (!topics.isEmpty()) {
            topics().create(topics);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            for (Gateway gateway : running) {
                stop(gateway);
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    public KafkaTestCluster kafka() {
        return kafka;
    }

    public DittoSandbox sandbox() {
        return sandbox;
    }

    /** The {@linkplain #env(KafkaTestCluster, String, String, String) settings every flow test's gateway has}. */
    public Map<String, String> env() {
        return env(kafka, prefix, sandbox.wsUrl(), sandbox.httpUrl());
    }

    /**
     * The settings every flow test's gateway has: this broker, prefix and group {@code g-<prefix>}, the Ditto
     * endpoints, a random HTTP port, tenants acme and globex, and a short commit interval so that offsets are committed
     * while the test waits; a mutable map for the test to add to.
     */
    public static Map<String, String> env(KafkaTestCluster kafka, String prefix, String wsUrl, String httpUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TWINBRIDGE_KAFKA_TOPIC_PREFIX", prefix);
        env.put("TWINBRIDGE_KAFKA_GROUP_ID", "g-" + prefix);
        env.put("TWINBRIDGE_DITTO_ENDPOINT", wsUrl);
        env.put("TWINBRIDGE_DITTO_HTTP_ENDPOINT", httpUrl);
        env.put("TWINBRIDGE_HTTP_PORT", "0");
        env.put("TWINBRIDGE_TENANTS", "acme,globex");
        env.put("TWINBRIDGE_INGEST_COMMIT_INTERVAL", "50ms");
        return env;
    }

    /** Starts a gateway over these settings; with egress on, returns once egress has subscribed. */
    public Gateway start(Map<String, String> env) throws Exception {
        return start(Gateway.start(GatewayConfig.fromEnv(env)));
    }

    /** Waits for a gateway the test started its own way, and stops it after the class unless stopped before. */
    public Gateway start(Future<Gateway> starting) throws Exception {
        Gateway gateway = starting.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        running.add(gateway);
        if (gateway.egress().isPresent()) {
            gateway.egress().get().subscribed().get(30, TimeUnit.SECONDS);
        }
        return gateway;
    }

    /** Stops a gateway now, as a test that restarts the gateway needs. */
    public void stop(Gateway gateway) throws Exception {
        running.remove(gateway);
        gateway.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** The shared broker's topics: seed, read, offsets. */
    public TestTopics topics() {
        return TestTopics.of(kafka);
    }

    /** Sends the records and waits for the broker to take each ({@link TestTopics#produce}). */
    public List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
        return topics().produce(records);
    }
}
