package io.twinbridge.gateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the ingest consumer takes part in its consumer group: which rebalance protocol, how soon a dead member's
 * partitions move on, and whether it is a static member. docs/decisions.md ("Consumer group protocol") explains the
 * defaults.
 *
 * @param protocol       {@code classic} (JoinGroup/SyncGroup, with the cooperative sticky assignor) or
 *                       {@code consumer} (KIP-848: the broker assigns, incrementally)
 * @param sessionTimeout classic only: how long a silent member keeps its partitions; with {@code consumer} the broker's
 *                       {@code group.consumer.session.timeout.ms} decides
 * @param instanceId     {@code group.instance.id} for static membership, empty for a dynamic member
 */
public record GroupMembership(String protocol, Duration sessionTimeout, Optional<String> instanceId) {
    public static final String CLASSIC = "classic";
    public static final String CONSUMER = "consumer";
    static final String COOPERATIVE_STICKY = "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";

    /**
     * The consumer properties for this membership; a key already set through {@code kafka.client.*} is left to it.
     * The consumer protocol refuses the client-side session, heartbeat and assignor settings, so none is set then.
     */
    public Map<String, String> consumerProperties(Map<String, String> passThrough) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("group.protocol", protocol);
        instanceId.ifPresent(id -> props.put("group.instance.id", id));
        if (CLASSIC.equals(protocol)) {
            props.put("session.timeout.ms", Long.toString(sessionTimeout.toMillis()));
            // Kafka's advice: at most a third of the session timeout, so that two lost heartbeats are survived
            props.put("heartbeat.interval.ms", Long.toString(Math.max(100, sessionTimeout.toMillis() / 3)));
            // The classic default list starts with the eager RangeAssignor: every member would stop for a rebalance.
            props.put("partition.assignment.strategy", COOPERATIVE_STICKY);
        }
        passThrough.keySet().forEach(props::remove);
        return props;
    }
}
