package io.twinbridge.gateway.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * One {@code String} instance per thing id, handed out on ingest's decode thread (one thread: not thread-safe).
 *
 * <p>Why: every record's thing id is a new string, and the pipeline thread looks each one up in the coalescing
 * scheduler's map of things. In a JFR profile of {@code bench ingest}'s steady state that lookup was two thirds of
 * the pipeline thread, the busiest stage once decoding moved to a thread of its own: hashing the new string (a third
 * of the lookup) and comparing it byte by byte with the stored key. A canonical instance carries its hash already and
 * is found by identity, so the work moves to the decode thread, which has room for it.
 *
 * <p>Bounded: past {@code maxIds} distinct ids the table starts afresh, which costs only the sharing, never a wrong
 * id.
 */
final class CanonicalThingIds {
    private final int maxIds;
    private final Map<String, String> ids = new HashMap<>();

    CanonicalThingIds(int maxIds) {
        this.maxIds = maxIds;
    }

    /** The instance equal to {@code id} handed out before, or {@code id} itself (its hash computed now). */
    String of(String id) {
        String known = ids.get(id);
        if (known != null) {
            return known;
        }
        if (ids.size() >= maxIds) {
            ids.clear();
        }
        ids.put(id, id);
        return id;
    }

    int size() {
        return ids.size();
    }
}
