package io.twinbridge.gateway.kafka;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Tracks, for one partition, which consumed records are finished (persisted in Ditto or dead-lettered) and so which
 * offset may be committed: the offset of the first unfinished record, never past it.
 *
 * <p>Not thread-safe: owned by the consumer thread.
 */
final class PartitionProgress {
    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    private final Map<Long, Integer> sizes = new HashMap<>();
    private final java.util.Set<Long> finished = new java.util.HashSet<>();
    private long nextCommit = -1;
    private long lastCommitted = -1;
    private long bytesInFlight;

    /** Registers a consumed record; offsets must arrive in increasing order. */
    void started(long offset, int sizeBytes) {
        Long last = pending.peekLast();
        if ((last != null && offset <= last) || offset < nextCommit) {
            throw new IllegalStateException("offset " + offset + " is not after the last one started");
        }
        pending.addLast(offset);
        sizes.put(offset, sizeBytes);
        bytesInFlight += sizeBytes;
    }

    /** Marks a record finished. Unknown offsets (e.g. of a partition revoked and reassigned) are ignored. */
    void finished(long offset) {
        Integer size = sizes.remove(offset);
        if (size == null) {
            return;
        }
        bytesInFlight -= size;
        finished.add(offset);
        while (!pending.isEmpty() && finished.remove(pending.peekFirst())) {
            nextCommit = pending.pollFirst() + 1;
        }
    }

    int recordsInFlight() {
        return sizes.size();
    }

    long bytesInFlight() {
        return bytesInFlight;
    }

    /** The offset to commit now, if it moved since the last {@link #committed(long)}. */
    OptionalLong commitCandidate() {
        return nextCommit > lastCommitted ? OptionalLong.of(nextCommit) : OptionalLong.empty();
    }

    void committed(long offset) {
        lastCommitted = Math.max(lastCommitted, offset);
    }

    boolean idle() {
        return pending.isEmpty();
    }
}
