package io.twinbridge.gateway.egress;

import java.time.Duration;
import io.twinbridge.gateway.mapping.EgressFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Settings of the egress flow.
 *
 * @param producerProperties Kafka client properties (bootstrap servers, security)
 * @param topicPrefix        {@code <prefix>.twin-events.<tenant>}, {@code <prefix>.commands.<tenant>},
 *                           {@code <prefix>.egress-state.<tenant>}, {@code <prefix>.egress-coord.<tenant>}
 * @param format             value format of twin-event records
 * @param ackLabelPrefix     when present, each tenant session declares {@code <prefix>-<tenant>} and acknowledges
 *                           events that request it once their record is in Kafka
 * @param maxBufferedEvents  events per tenant waiting for Kafka before egress stops taking more
 * @param maxCachedThings    things per tenant whose facts (model kind, definition, pending desired values) are kept
 * @param reconcileInterval  time between two reconciliation sweeps on {@code _modified}; zero = none
 * @param reconcileMaxThings things one reconciliation round reads at most
 * @param failover           when present, the group session timeout of the election of one active instance per
 *                           tenant; empty = this instance is active for every tenant, unconditionally
 * @param groupId            the gateway's consumer group; the election groups are {@code <groupId>.egress.<tenant>}
 */
public record EgressSettings(Properties producerProperties, String topicPrefix, EgressFormat format,
                             Optional<String> ackLabelPrefix, int maxBufferedEvents, int maxCachedThings,
                             Duration reconcileInterval, int reconcileMaxThings, Optional<Duration> failover,
                             String groupId) {
    public EgressSettings {
        Objects.requireNonNull(producerProperties, "producerProperties");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(ackLabelPrefix, "ackLabelPrefix");
        Objects.requireNonNull(reconcileInterval, "reconcileInterval");
        Objects.requireNonNull(failover, "failover");
        Objects.requireNonNull(groupId, "groupId");
        if (maxBufferedEvents < 1) {
            throw new IllegalArgumentException("maxBufferedEvents must be positive");
        }
        if (maxCachedThings < 1) {
            throw new IllegalArgumentException("maxCachedThings must be positive");
        }
        if (reconcileMaxThings < 1) {
            throw new IllegalArgumentException("reconcileMaxThings must be positive");
        }
    }

    /** With the defaults of the other settings, without an election. */
    public EgressSettings(Properties producerProperties, String topicPrefix, EgressFormat format,
                          Optional<String> ackLabelPrefix, int maxBufferedEvents) {
        this(producerProperties, topicPrefix, format, ackLabelPrefix, maxBufferedEvents, 10_000,
                Duration.ofSeconds(30), 10_000, Optional.empty(), "twinbridge-gateway");
    }

    /** The acknowledgement label of one tenant's egress session; ingest requests the same one. */
    public static String ackLabel(String prefix, String tenant) {
        return prefix + "-" + tenant;
    }
}
