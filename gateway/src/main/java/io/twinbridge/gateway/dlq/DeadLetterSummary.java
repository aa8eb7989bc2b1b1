package io.twinbridge.gateway.dlq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code dlq inspect} reports: counts by stage and by code of the dead letters that match a filter, the first
 * few of them, and the records that are not dead letters at all. Fed one record at a time, in offset order.
 */
public final class DeadLetterSummary {
    private final DeadLetterFilter filter;
    private final int limit;
    private final Map<String, Long> byStage = new TreeMap<>();
    private final Map<String, Long> byCode = new TreeMap<>();
    private final List<DeadLetter> first = new ArrayList<>();
    private final List<ParsedDeadLetter.Invalid> invalid = new ArrayList<>();
    private long scanned;
    private long matched;

    public DeadLetterSummary(DeadLetterFilter filter, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.filter = filter;
        this.limit = limit;
    }

    public void add(ParsedDeadLetter record) {
        scanned++;
        if (record instanceof ParsedDeadLetter.Invalid bad) {
            invalid.add(bad);
            return;
        }
        DeadLetter letter = ((ParsedDeadLetter.Valid) record).deadLetter();
        if (!filter.matches(letter)) {
            return;
        }
        matched++;
        byStage.merge(letter.stage(), 1L, Long::sum);
        byCode.merge(letter.code(), 1L, Long::sum);
        if (first.size() < limit) {
            first.add(letter);
        }
    }

    /** Every record read, including those the filter left out and invalid ones. */
    public long scanned() {
        return scanned;
    }

    /** Valid dead letters that match the filter. */
    public long matched() {
        return matched;
    }

    /** Matching dead letters per stage, sorted by stage. */
    public Map<String, Long> byStage() {
        return Collections.unmodifiableMap(byStage);
    }

    /** Matching dead letters per code, sorted by code. */
    public Map<String, Long> byCode() {
        return Collections.unmodifiableMap(byCode);
    }

    /** The first matching dead letters, at most the limit, in offset order per partition. */
    public List<DeadLetter> first() {
        return List.copyOf(first);
    }

    /** Records of the topic that lack the dead-letter headers. */
    public List<ParsedDeadLetter.Invalid> invalid() {
        return List.copyOf(invalid);
    }
}
