package io.twinbridge.gateway.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** One tenant's share of the ingest counters ({@link IngestStats} keeps the totals); read from any thread. */
public final class TenantIngestStats {
    final LongAdder consumed = new LongAdder();
    final LongAdder applied = new LongAdder();
    final LongAdder coalesced = new LongAdder();
    final LongAdder mergesSent = new LongAdder();
    final LongAdder staleDrops = new LongAdder();
    final LongAdder staleRecords = new LongAdder();
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();

    void recordDeadLetter(String code) {
        deadLettered.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** Records the pipeline took on for this tenant (each once, retries of its decoding not counted again). */
    public long consumed() {
        return consumed.sum();
    }

    /** Records whose change reached their twin. */
    public long applied() {
        return applied.sum();
    }

    /** Updates folded into a pending merge of the same thing instead of a merge of their own. */
    public long coalesced() {
        return coalesced.sum();
    }

    /** Merge commands sent to Ditto, retries included. */
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

    /** Dead-lettered records with this error code. */
    public long deadLettered(String code) {
        LongAdder n = deadLettered.get(code);
        return n == null ? 0 : n.sum();
    }

    /**
     * Dead-lettered records by error code. A code starts with its stage ({@code validate.out-of-range}), which
     * {@link io.twinbridge.gateway.result.Failure} guarantees.
     */
    public Map<String, Long> deadLetteredByCode() {
        Map<String, Long> out = new TreeMap<>();
        deadLettered.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }
}
