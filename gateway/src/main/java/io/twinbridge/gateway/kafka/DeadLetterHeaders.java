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
    /**
     * The id the record was traced by ({@link CorrelationIds#of}): the source's own header is kept as it is; a record
     * without one gets its derived {@code <topic>/<partition>/<offset>}.
     */
    public static final String CORRELATION_ID = CorrelationIds.HEADER;

    private DeadLetterHeaders() {
    }
}
