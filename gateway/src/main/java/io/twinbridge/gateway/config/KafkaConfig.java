package io.twinbridge.gateway.config;

import java.util.Map;
import java.util.Properties;

/**
 * Kafka settings.
 *
 * @param bootstrapServers comma-separated {@code host:port} list, as Kafka's {@code bootstrap.servers} wants it
 * @param clientProperties pass-through properties from {@code kafka.client.*}, e.g. SASL/TLS
 * @param membership       the ingest consumer's part in its group
 */
public record KafkaConfig(String bootstrapServers, String topicPrefix, String groupId,
                          Map<String, String> clientProperties, GroupMembership membership) {
    public KafkaConfig {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Properties every Kafka client of the gateway starts from: the pass-through ones plus the bootstrap list. */
    public Properties baseClientProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /** The base properties plus the group membership's, for the ingest consumer. */
    public Properties ingestConsumerProperties() {
        Properties props = baseClientProperties();
        props.putAll(membership.consumerProperties(clientProperties));
        return props;
    }

    @Override
    public String toString() {
        // Pass-through properties may hold SASL secrets (sasl.jaas.config), so only their names are shown.
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix + ", groupId="
                + groupId + ", clientProperties=" + clientProperties.keySet() + ", " + membership + "]";
    }
}
