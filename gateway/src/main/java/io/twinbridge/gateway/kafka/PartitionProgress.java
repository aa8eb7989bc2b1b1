package io.twinbridge.gateway.kafka;

import java.util.OptionalLong;

/**
 * Tracks, for one partition, which consumed records are finished (persisted in Ditto or dead-lettered) and so which
 * offset may be committed: the offset after the last record of the finished prefix, never past an unfinished one.
 *
 * <p>Compact: two bits per offset between the first unfinished record and the newest consumed one (whether a record
 * was consumed at that offset, and whether it is finished), in a ring of words that grows by doubling. A million
 * unfinished records coalesced into a few thousand patches cost a quarter of a megabyte here, not a million objects;
 * the consumer bounds that span ({@link #span()}). Offsets need not be contiguous (compaction, transaction markers):
 * an offset never consumed is skipped over.
 *
 * <p>Not thread-safe: owned by the consumer thread.
 */
final class PartitionProgress {
    private static final int INITIAL_WORDS = 16;

    /** Bit set: a record was consumed at this offset. */
    private long[] started = new long[INITIAL_WORDS];
    /** Bit set: that record is finished. */
    private long[] finished = new long[INITIAL_WORDS];
    /** The first offset that is not yet part of the finished prefix; -1 before the first record. */
    private long base = -1;
    /** The newest consumed offset + 1. */
    private long end;
    private long nextCommit = -1;
    private long lastCommitted = -1;
    private int unfinished;

    /** Registers a consumed record; offsets must arrive in increasing order. */
    void started(long offset) {
        if (base >= 0 && offset < end || offset < nextCommit) {
            throw new IllegalStateException("offset " + offset + " is not after the last one started");
        }
        if (base < 0 || base == end) {
            // nothing unfinished: start the window at this record, whatever gap lies before it
            base = offset;
            end = offset;
        }
        ensureCapacity(offset + 1 - base);
        set(started, offset);
        end = offset + 1;
        unfinished++;
    }

    /** As {@link #started(long)}; the size is no longer tracked per partition (pending patch bytes are). */
    void started(long offset, int sizeBytes) {
        started(offset);
    }

    /** Marks a record finished. Unknown offsets (e.g. of a partition revoked and reassigned) are ignored. */
    void finished(long offset) {
        if (offset < base || offset >= end || !get(started, offset) || get(finished, offset)) {
            return;
        }
        set(finished, offset);
        unfinished--;
        advance();
    }

    /** Moves the base over the finished prefix, clearing its bits for reuse by the ring. */
    private void advance() {
        while (base < end) {
            boolean record = get(started, base);
            if (record && !get(finished, base)) {
                return;
            }
            if (record) {
                nextCommit = base + 1;
                clear(started, base);
                clear(finished, base);
            }
            base++;
        }
    }

    int recordsInFlight() {
        return unfinished;
    }

    /** Offsets from the first unfinished record to the newest consumed one: what the tracker must cover. */
    long span() {
        return base < 0 ? 0 : end - base;
    }

    /** The offset to commit now, if it moved since the last {@link #committed(long)}. */
    OptionalLong commitCandidate() {
        return nextCommit > lastCommitted ? OptionalLong.of(nextCommit) : OptionalLong.empty();
    }

    void committed(long offset) {
        lastCommitted = Math.max(lastCommitted, offset);
    }

    boolean idle() {
        return unfinished == 0;
    }

    /** Words held by the tracker (for tests of its footprint). */
    int words() {
        return started.length + finished.length;
    }

    private void ensureCapacity(long bits) {
        if (bits <= (long) started.length * Long.SIZE) {
            return;
        }
        int words = started.length;
        while ((long) words * Long.SIZE < bits) {
            words *= 2;
        }
        long[] newStarted = new long[words];
        long[] newFinished = new long[words];
        for (long o = base; o < end; o++) {
            if (get(started, o)) {
                setIn(newStarted, o);
                if (get(finished, o)) {
                    setIn(newFinished, o);
                }
            }
        }
        started = newStarted;
        finished = newFinished;
    }

    private boolean get(long[] bits, long offset) {
        return (bits[index(bits, offset)] & (1L << offset)) != 0;
    }

    private void set(long[] bits, long offset) {
        bits[index(bits, offset)] |= 1L << offset;
    }

    private static void setIn(long[] bits, long offset) {
        bits[index(bits, offset)] |= 1L << offset;
    }

    private void clear(long[] bits, long offset) {
        bits[index(bits, offset)] &= ~(1L << offset);
    }

    /** The word of {@code offset} in a ring of {@code bits.length} words (a power of two). */
    private static int index(long[] bits, long offset) {
        return (int) ((offset >>> 6) & (bits.length - 1));
    }
}
