package io.twinbridge.gateway.egress;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects one active egress instance per tenant through Kafka's group membership, as Kafka Connect and Kafka Streams
 * do: every instance joins the consumer group {@code <kafka.group-id>.egress.<tenant>} on the one-partition topic
 * {@code <prefix>.egress-coord.<tenant>} (no record is ever written there). The member that holds the partition is
 * the active one. When it dies, the group coordinator notices within the session timeout and hands the partition to
 * a standby. The sticky cooperative assignor keeps the partition where it is when instances join, so a healthy
 * active instance is never replaced. The callbacks run on the election's own thread; {@link Listener#deposed()}
 * returns only when the instance stopped publishing, so that the next one starts after it.
 */
final class EgressElection {
    private static final Logger LOG = LoggerFactory.getLogger(EgressElection.class);
    private static final Duration POLL = Duration.ofMillis(200);
    static final Duration RETRY = Duration.ofSeconds(2);

    interface Listener {
        /** This instance holds the partition now: become active. */
        void elected();

        /** This instance lost the partition (rebalance or lost membership): stop publishing before returning. */
        void deposed();

        /** The group assigned this instance nothing: it stands by. */
        void standingBy();
    }

    private enum Exit { LEAVE, CRASH }

    private final String tenant;
    private final String topic;
    private final Properties properties;
    private final Listener listener;
    private final AtomicReference<Exit> exit = new AtomicReference<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** How long leaving the group may take at stop (Kafka may be down); the client's default is 30 s. */
    private volatile Duration leaveTimeout = Duration.ofSeconds(30);
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private boolean active;

    /**
     * @param clientProperties Kafka client properties (bootstrap servers, security)
     * @param sessionTimeout   the group's session timeout: the longest a dead active instance keeps its tenant
     */
    EgressElection(String tenant, Properties clientProperties, String groupId, String topic, Duration sessionTimeout,
                   Listener listener) {
        this.tenant = tenant;
        this.topic = topic;
        this.listener = listener;
        this.properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeout.toMillis()));
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(
                Math.max(100, sessionTimeout.toMillis() / 4)));
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "twinbridge-egress-election-" + tenant);
    }

    void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(this::run, "twinbridge-egress-election-" + tenant);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (exit.get() == null) {
                try {
                    participate();
                } catch (RuntimeException e) {
                    // e.g. the position could not be read on election: give the tenant up (a standby may take it)
                    // and take part again, rather than leave this instance out of the tenant for good
                    LOG.error("egress election of {} failed; taking part again in {} ms", tenant, RETRY.toMillis(),
                            e);
                    depose();
                    pause();
                }
            }
        } finally {
            closed.complete(null);
        }
    }

    private void participate() {
        try (CloseOnExit ignored = new CloseOnExit()) {
            consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(topic), new Rebalance());
            while (exit.get() == null) {
                try {
                    consumer.poll(POLL);
                } catch (WakeupException e) {
                    // stop() or crash() asked to leave the loop
                }
            }
        }
    }

    private void pause() {
        long until = System.nanoTime() + RETRY.toNanos();
        while (exit.get() == null && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** Closes the consumer on the election's thread, leaving the group unless it crashed. */
    private final class CloseOnExit implements AutoCloseable {
        @Override
        public void close() {
            KafkaConsumer<byte[], byte[]> c = consumer;
            consumer = null;
            if (c == null) {
                return;
            }
            if (exit.get() == Exit.CRASH) {
                // the group learns of it only when the session times out, as after a SIGKILL
                c.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                        .withTimeout(Duration.ZERO));
            } else {
                depose();
                c.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(leaveTimeout));
            }
        }
    }

    /**
     * Stops publishing, then leaves the group (within {@code timeout}) so that a standby takes over at once. An
     * election that never started (its start was still waiting for Kafka) is closed at once.
     */
    CompletableFuture<Void> stop(Duration timeout) {
        leaveTimeout = timeout;
        exit.compareAndSet(null, Exit.LEAVE);
        closeIfNeverStarted();
        wakeup();
        return closed.copy();
    }

    /** Leaves the loop without a word to the group and without deposing: for failover tests. */
    CompletableFuture<Void> crash() {
        exit.compareAndSet(null, Exit.CRASH);
        closeIfNeverStarted();
        wakeup();
        return closed.copy();
    }

    private void closeIfNeverStarted() {
        if (started.compareAndSet(false, true)) {
            closed.complete(null);
        }
    }

    private void wakeup() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void depose() {
        if (active) {
            active = false;
            LOG.info("egress of {}: this instance is no longer the active one", tenant);
            listener.deposed();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty() && !active) {
                active = true;
                LOG.info("egress of {}: this instance is the active one", tenant);
                listener.elected();
            } else if (!active) {
                listener.standingBy();
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                depose();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            depose();
        }
    }
}
