package io.twinbridge.gateway.metrics;

/**
 * Every meter the gateway registers, in Micrometer's dotted form. The Prometheus registry appends the base unit and
 * {@code _total} to counters, and {@code _seconds} to timers, so {@code twinbridge.ingest.records.consumed} is
 * scraped as {@code twinbridge_ingest_records_consumed_total}. docs/operations.md lists what each one means.
 */
public final class MetricNames {
    public static final String TAG_TENANT = "tenant";
    public static final String TAG_STAGE = "stage";
    public static final String TAG_CODE = "code";
    public static final String TAG_TOPIC = "topic";
    public static final String TAG_PARTITION = "partition";
    public static final String TAG_SESSION = "session";
    public static final String TAG_COMMAND = "command";

    public static final String RECORDS = "records";
    public static final String PARTITIONS = "partitions";
    public static final String MERGES = "merges";
    public static final String THINGS = "things";

    public static final String INGEST_CONSUMED = "twinbridge.ingest.records.consumed";
    public static final String INGEST_APPLIED = "twinbridge.ingest.records.applied";
    public static final String INGEST_COALESCED = "twinbridge.ingest.records.coalesced";
    public static final String INGEST_DEAD_LETTERED = "twinbridge.ingest.records.dead.lettered";
    public static final String INGEST_STALE_RECORDS = "twinbridge.ingest.records.stale";
    public static final String INGEST_STALE_FEATURES = "twinbridge.ingest.stale.features.dropped";
    public static final String DITTO_MERGES_SENT = "twinbridge.ditto.merges.sent";
    public static final String DITTO_REQUEST = "twinbridge.ditto.request";
    public static final String DITTO_SESSION_CONNECTED = "twinbridge.ditto.session.connected";
    public static final String DASHBOARD_SESSIONS = "twinbridge.dashboard.sessions";
    public static final String CONSUMER_LAG = "twinbridge.kafka.consumer.lag";
    public static final String CONSUMER_PAUSED = "twinbridge.kafka.consumer.paused";
    public static final String CONSUMER_ASSIGNED = "twinbridge.kafka.consumer.assigned";
    public static final String CONSUMER_IN_FLIGHT = "twinbridge.kafka.consumer.in.flight";
    public static final String CONSUMER_POLLED = "twinbridge.kafka.consumer.records.polled";
    public static final String CONSUMER_FINISHED = "twinbridge.kafka.consumer.records.finished";
    public static final String CONSUMER_PAUSES = "twinbridge.kafka.consumer.pauses";
    public static final String CONSUMER_ABANDONED = "twinbridge.kafka.consumer.records.abandoned";
    public static final String INGEST_WRITE_WINDOW = "twinbridge.ingest.write.window";
    public static final String INGEST_READY_QUEUE = "twinbridge.ingest.ready.queue";
    public static final String INGEST_WRITE_ROUND_TRIP = "twinbridge.ingest.write.round.trip";
    public static final String INGEST_PENDING_TWINS = "twinbridge.ingest.pending.twins";
    public static final String INGEST_PENDING_BYTES = "twinbridge.ingest.pending.patches";
    public static final String EGRESS_EVENTS_PUBLISHED = "twinbridge.egress.events.published";
    public static final String EGRESS_RESYNCS_PUBLISHED = "twinbridge.egress.resyncs.published";
    public static final String EGRESS_EVENTS_DROPPED = "twinbridge.egress.events.dropped";
    public static final String EGRESS_COMMANDS_PUBLISHED = "twinbridge.egress.commands.published";
    public static final String EGRESS_COMMANDS_REJECTED = "twinbridge.egress.commands.rejected";
    public static final String EGRESS_ACKS_WITHHELD = "twinbridge.egress.acks.withheld";
    public static final String EGRESS_DESIRED_CLEARED = "twinbridge.egress.desired.cleared";
    public static final String INGEST_DECODE_RETRIES = "twinbridge.ingest.decode.retries";
    public static final String INGEST_THINGS_PROVISIONED = "twinbridge.ingest.things.provisioned";
    public static final String INGEST_CREATES_FIRST = "twinbridge.ingest.creates.first";
    public static final String DITTO_WRITE_RETRIES = "twinbridge.ditto.write.retries";
    public static final String DITTO_EGRESS_ACK_FAILURES = "twinbridge.ditto.egress.ack.failures";

    private MetricNames() {
    }
}
