package io.twinbridge.gateway.dlq;

import java.util.Properties;

/** {@code dlq inspect}: reads a dead-letter topic once, from its beginning to its end at the start, into a summary. */
public final class DeadLetterInspector {
    private final Properties clientProperties;

    /** @param clientProperties Kafka client properties with {@code bootstrap.servers} (and SASL/TLS if needed) */
    public DeadLetterInspector(Properties clientProperties) {
        this.clientProperties = clientProperties;
    }

    /** @throws IllegalStateException when the topic does not exist or the broker stops answering */
    public DeadLetterSummary inspect(String deadLetterTopic, DeadLetterFilter filter, int limit) {
        DeadLetterSummary summary = new DeadLetterSummary(filter, limit);
        try (TopicRange range = TopicRange.open(clientProperties, deadLetterTopic)) {
            range.forEachBatch(batch -> batch.forEach(r -> summary.add(DeadLetterParser.parse(
                    new DlqCoordinates(r.topic(), r.partition(), r.offset()), r.timestamp(), r.key(), r.value(),
                    r.headers()))));
        }
        return summary;
    }
}
