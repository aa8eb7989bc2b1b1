package io.twinbridge.gateway.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the ingest pipeline, read by metrics and tests from any thread. */
public final class IngestStats {
    final LongAdder applied = new LongAdder();
    final LongAdder mergesSent = new LongAdder();
    final LongAdder staleDrops = new LongAdder();
    final LongAdder staleRecords = new LongAdder();
    final LongAdder dittoRetries = new LongAdder();
    final LongAdder decodeRetries = new LongAdder();
    final LongAdder thingsCreated = new LongAdder();
    final LongAdder dittoLatencyNanos = new LongAdder();
    final LongAdder dittoCalls = new LongAdder();
    final LongAdder egressAckFailures = new LongAdder();
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
    private volatile java.util.function.LongConsumer appliedRecordTimestamps = ts -> { };

    /**
     * Observes the Kafka timestamp of every record once its change is persisted in the twin, e.g. to measure
     * produce-to-persisted latency. Called on the pipeline thread: keep it cheap.
     */
    public void onApplied(java.util.function.LongConsumer recordTimestamps) {
        this.appliedRecordTimestamps = recordTimestamps;
    }

    void recordApplied(long recordTimestamp) {
        applied.increment();
        appliedRecordTimestamps.accept(recordTimestamp);
    }

    void recordDittoLatency(long nanos) {
        dittoLatencyNanos.add(nanos);
        dittoCalls.increment();
    }

    void recordDeadLetter(String code) {
        deadLettered.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /**
     * Merges whose egress acknowledgement failed or did not come in time (424, 408): applied in Ditto, not yet
     * confirmed on the twin-events topic; each was sent again.
     */
    public long egressAckFailures() {
        return egressAckFailures.sum();
    }

    /** Records whose change reached their twin. */
    public long applied() {
        return applied.sum();
    }

    public long mergesSent() {
        return mergesSent.sum();
    }

    /** Features left out of updates because the twin held newer state. */
    public long staleDrops() {
        return staleDrops.sum();
    }

    /** Records that changed nothing because all of their values were stale. */
    public long staleRecords() {
        return staleRecords.sum();
    }

    /** Mean round trip of a Ditto merge, in milliseconds, or 0 before the first one. */
    public double meanDittoMillis() {
        long calls = dittoCalls.sum();
        return calls == 0 ? 0 : dittoLatencyNanos.sum() / 1e6 / calls;
    }

    public long dittoRetries() {
        return dittoRetries.sum();
    }

    public long thingsCreated() {
        return thingsCreated.sum();
    }

    public long deadLettered() {
        return deadLettered.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Dead-lettered records by error code. */
    public Map<String, Long> deadLetteredByCode() {
        Map<String, Long> out = new java.util.TreeMap<>();
        deadLettered.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }
}
