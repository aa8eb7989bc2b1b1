package io.twinbridge.gateway.kafka;

/** Names of the headers a dead-lettered record carries, next to its original headers. */
public final class DeadLetterHeaders {
    public static final String TOPIC = "twinbridge.dlq.topic";
    public static final String PARTITION = "twinbridge.dlq.partition";
    public static final String OFFSET = "twinbridge.dlq.offset";
    public static final String STAGE = "twinbridge.dlq.stage";
    public static final String CODE = "twinbridge.dlq.code";
    public static final String MESSAGE = "twinbridge.dlq.message";
    public static final String TIME = "twinbridge.dlq.time";

    private DeadLetterHeaders() {
    }
}
