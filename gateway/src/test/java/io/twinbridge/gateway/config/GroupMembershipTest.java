package io.twinbridge.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The consumer properties each group protocol gets (issue 13.4; docs/decisions.md, "Consumer group protocol"). */
class GroupMembershipTest {
    @Test
    void defaultsAreClassicCooperativeWithATenSecondSession() {
        GroupMembership membership = GatewayConfig.fromEnv(Map.of()).kafka().membership();

        Map<String, String> props = membership.consumerProperties(Map.of());

        assertEquals("classic", props.get("group.protocol"));
        assertEquals("10000", props.get("session.timeout.ms"));
        assertEquals("3333", props.get("heartbeat.interval.ms"));
        assertEquals("org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
                props.get("partition.assignment.strategy"));
        assertFalse(props.containsKey("group.instance.id"));
    }

    @Test
    void theConsumerProtocolGetsNoClientSideGroupSettingsWhichItWouldRefuse() {
        GroupMembership membership = GatewayConfig.fromEnv(Map.of("TWINBRIDGE_KAFKA_GROUP_PROTOCOL", "consumer",
                "TWINBRIDGE_KAFKA_GROUP_INSTANCE_ID", "gw-1")).kafka().membership();

        assertEquals(Map.of("group.protocol", "consumer", "group.instance.id", "gw-1"),
                membership.consumerProperties(Map.of()));
    }

    @Test
    void passThroughClientPropertiesWin() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("TWINBRIDGE_KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000"));

        assertEquals("6000", config.kafka().ingestConsumerProperties().getProperty("session.timeout.ms"));
        assertEquals(new GroupMembership("classic", java.time.Duration.ofSeconds(10), Optional.empty()),
                config.kafka().membership());
    }
}
