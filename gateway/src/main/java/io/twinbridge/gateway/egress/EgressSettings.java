package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.mapping.EgressFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Settings of the egress flow.
 *
 * @param producerProperties Kafka client properties (bootstrap servers, security)
 * @param topicPrefix        {@code <prefix>.twin-events.<tenant>}, {@code <prefix>.commands.<tenant>}
 * @param format             value format of twin-event records
 * @param ackLabelPrefix     when present, each tenant session declares {@code <prefix>-<tenant>} and acknowledges
 *                           events that request it once their record is in Kafka
 * @param maxBufferedEvents  events per tenant waiting for Kafka before egress stops taking more
 * @param maxCachedThings    things per tenant whose facts (model kind, definition, pending desired values) are kept
 */
public record EgressSettings(Properties producerProperties, String topicPrefix, EgressFormat format,
                             Optional<String> ackLabelPrefix, int maxBufferedEvents,
                             int maxCachedThings) {
    public EgressSettings {
        Objects.requireNonNull(producerProperties, "producerProperties");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(ackLabelPrefix, "ackLabelPrefix");
        if (maxBufferedEvents < 1) {
            throw new IllegalArgumentException("maxBufferedEvents must be positive");
        }
        if (maxCachedThings < 1) {
            throw new IllegalArgumentException("maxCachedThings must be positive");
        }
    }

    /** With the default of {@code egress.max-cached-things}. */
    public EgressSettings(Properties producerProperties, String topicPrefix, EgressFormat format,
                          Optional<String> ackLabelPrefix, int maxBufferedEvents) {
        this(producerProperties, topicPrefix, format, ackLabelPrefix, maxBufferedEvents, 10_000);
    }

    /** The acknowledgement label of one tenant's egress session; ingest requests the same one. */
    public static String ackLabel(String prefix, String tenant) {
        return prefix + "-" + tenant;
    }
}
