package io.twinbridge.gateway.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The correlation id of a Kafka record: the {@value #HEADER} header, the same name Ditto uses, so that one id follows
 * a change from a telemetry record through Ditto to the twin-events and command records it causes.
 */
public final class CorrelationIds {
    public static final String HEADER = "correlation-id";
    /** Longer ids are not passed on to Ditto, which bounds the size of its headers. */
    static final int MAX_LENGTH = 256;

    private CorrelationIds() {
    }

    /**
     * The record's {@value #HEADER} header when it is usable (not blank, at most {@value #MAX_LENGTH} characters, no
     * control characters), else {@code <topic>/<partition>/<offset>}: stable across redeliveries and retries, and
     * printed the same way on the dead-letter record.
     */
    public static String of(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(HEADER);
        if (header != null && header.value() != null) {
            String id = new String(header.value(), StandardCharsets.UTF_8).strip();
            if (usable(id)) {
                return id;
            }
        }
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }

    /** Sets the header, replacing any earlier one. */
    public static void put(Headers headers, String id) {
        headers.remove(HEADER);
        headers.add(HEADER, id.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean usable(String id) {
        return !id.isEmpty() && id.length() <= MAX_LENGTH && id.chars().noneMatch(Character::isISOControl);
    }
}
