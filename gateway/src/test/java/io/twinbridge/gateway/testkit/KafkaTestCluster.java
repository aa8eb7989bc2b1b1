package io.twinbridge.gateway.testkit;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka (combined broker and controller) on a random port, in this JVM. Start one per test
 * class with {@link #start()} and close it in {@code @AfterAll}, or use try-with-resources.
 */
public final class KafkaTestCluster implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final AtomicBoolean closed = new AtomicBoolean(false);

    private KafkaTestCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static KafkaTestCluster start() {
        KafkaClusterTestKit cluster = null;
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // as the sandbox's broker: KIP-848 groups (group.protocol=consumer) notice a dead member in 10 s
                    .setConfigProp("group.consumer.min.session.timeout.ms", "6000")
                    .setConfigProp("group.consumer.session.timeout.ms", "10000")
                    .setConfigProp("group.consumer.min.heartbeat.interval.ms", "1000")
                    .setConfigProp("group.consumer.heartbeat.interval.ms", "3000")
                    // the first group or transaction would otherwise create 50 partitions of the internal topic
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaTestCluster(cluster);
        } catch (Exception e) {
            closeQuietly(cluster, e);
            throw new IllegalStateException("cannot start the Kafka test cluster", e);
        }
    }

    /** {@code host:port} of the broker's client listener. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Properties a client needs to reach this cluster (bootstrap servers and listener security). */
    public Properties clientProperties() {
        return cluster.clientProperties();
    }

    /** Stops the broker; a second call does nothing, so a test may stop it early and still close it in cleanup. */
    @Override
    public void close() throws Exception {
        if (closed.compareAndSet(false, true)) {
            cluster.close();
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster, Exception primary) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
