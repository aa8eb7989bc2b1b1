package io.twinbridge.gateway.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.testkit.GatewayProcess;
import io.twinbridge.gateway.testkit.GatewayStack;

/**
 * Issue 13.4, with each consumer group protocol and its default settings: the partitions of a gateway killed with
 * SIGKILL are owned again within 15 s, and a rolling restart of one instance never leaves the other without
 * partitions (no stop-the-world rebalance: the cooperative assignor and KIP-848 move only what changes owner).
 */
@Tag("flow")
class GroupFailoverTest {
    private static final int PARTITIONS = 4;
    private static final Duration FAILOVER_GOAL = Duration.ofSeconds(15);

    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("failover")
            .topics("telemetry", PARTITIONS, "acme");

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void partitionsOfAKilledInstanceAreOwnedAgainWithin15Seconds(String protocol) throws Exception {
        Map<String, String> env = env(protocol, "kill-" + protocol);
        Gateway survivor = STACK.start(env);
        Path log = Files.createTempFile("gateway-failover", ".log");
        ProcessBuilder builder = GatewayProcess.builder(log);
        builder.environment().putAll(env);
        Process victim = builder.start();
        try {
            // given both instances own partitions
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                int owned = assigned(survivor);
                return owned > 0 && owned < PARTITIONS;
            });
        } finally {
            // when one is killed without a goodbye
            victim.destroyForcibly();
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
        }
        long killedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> assigned(survivor) == PARTITIONS);
        Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.printf("GroupFailoverTest %s: partitions owned again %d ms after SIGKILL%n", protocol,
                failover.toMillis());
        assertTrue(failover.compareTo(FAILOVER_GOAL) < 0, protocol + ": failover took " + failover.toMillis()
                + " ms; log of the killed instance: " + log);
        STACK.stop(survivor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void aRollingRestartNeverTakesAllPartitionsFromTheOtherInstance(String protocol) throws Exception {
        Map<String, String> env = env(protocol, "roll-" + protocol);
        Gateway steady = STACK.start(env);
        Gateway restarting = STACK.start(env);
        await().atMost(Duration.ofSeconds(60)).until(() -> assigned(steady) > 0 && assigned(restarting) > 0);
        AtomicInteger fewest = new AtomicInteger(assigned(steady));
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                fewest.accumulateAndGet(assigned(steady), Math::min);
                Thread.onSpinWait();
            }
        }, "assignment-watcher");
        watcher.start();
        try {
            // when the other instance stops and comes back
            STACK.stop(restarting);
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(steady) == PARTITIONS);
            Gateway restarted = STACK.start(env);
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(restarted) > 0
                    && assigned(steady) + assigned(restarted) == PARTITIONS);
            STACK.stop(restarted);
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        // then the steady instance kept consuming some partition all along
        assertTrue(fewest.get() > 0, protocol + ": the steady instance lost every partition during the restart");
        STACK.stop(steady);
    }

    private static Map<String, String> env(String protocol, String group) {
        Map<String, String> env = STACK.env();
        env.put("TWINBRIDGE_KAFKA_GROUP_ID", group);
        env.put("TWINBRIDGE_KAFKA_GROUP_PROTOCOL", protocol);
        env.put("TWINBRIDGE_TENANTS", "acme");
        env.put("TWINBRIDGE_EGRESS_ENABLED", "false");
        env.put("TWINBRIDGE_DASHBOARD_ENABLED", "false");
        return env;
    }

    private static int assigned(Gateway gateway) {
        return gateway.ingest().orElseThrow().consumerStats().assignedPartitions();
    }
}
