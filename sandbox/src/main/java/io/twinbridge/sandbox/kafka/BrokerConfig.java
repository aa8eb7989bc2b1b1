package io.twinbridge.sandbox.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The server properties of a single combined broker+controller node, tuned for one machine and quick starts. */
final class BrokerConfig {
    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String CLIENT_LISTENER = "PLAINTEXT";

    private BrokerConfig() {
    }

    static Map<String, String> properties(String host, int port, int controllerPort, Path dataDir,
                                          int numPartitions) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("listeners", CLIENT_LISTENER + "://" + host + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + port);
        props.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
        props.put("metadata.log.dir", dataDir.toString());

        props.put("num.partitions", Integer.toString(numPartitions));
        props.put("auto.create.topics.enable", "true");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Internal topics default to replication factor 3, which a single node can never satisfy.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", Integer.toString(numPartitions));
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // A lone consumer should get its partitions at once, not after the 3 s default delay.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Consumer groups of the KIP-848 protocol (group.protocol=consumer, on by default in Kafka 4.x through
        // group.coordinator.rebalance.protocols) get their session timeout from the broker: 45 s by default, and no
        // client may ask for less. 10 s lets a dead gateway's partitions move within the 15 s the project aims for,
        // as the classic protocol's kafka.session-timeout default does (docs/decisions.md, "Consumer group protocol").
        props.put("group.consumer.min.session.timeout.ms", "6000");
        props.put("group.consumer.session.timeout.ms", "10000");
        props.put("group.consumer.min.heartbeat.interval.ms", "1000");
        props.put("group.consumer.heartbeat.interval.ms", "3000");
        // The log cleaner allocates its dedupe buffer up front (128 MiB by default); a dev broker needs far less.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        // Fail a start that cannot complete instead of waiting forever.
        props.put("server.max.startup.time.ms", "60000");
        return props;
    }
}
