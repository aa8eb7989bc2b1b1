package io.twinbridge.gateway.egress;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The last revision egress handed to Kafka per thing of one tenant: revision order (an event at or below it is
 * covered already) and gaps (an event above it + 1 means events were lost). One entry per live thing, dropped when
 * the thing is deleted; loaded from the durable position at start. Confined to the tenant's worker thread.
 */
final class Revisions {
    private final Map<String, Long> last = new HashMap<>();

    long last(String thingId) {
        return last.getOrDefault(thingId, 0L);
    }

    /** Whether a record at {@code revision} is covered by one published already. */
    boolean covered(String thingId, long revision) {
        return revision <= last(thingId);
    }

    /** Whether revisions were skipped before {@code revision}: events were lost. */
    boolean gapBefore(String thingId, long revision) {
        long known = last(thingId);
        return known > 0 && revision > known + 1;
    }

    void published(String thingId, long revision) {
        last.merge(thingId, revision, Math::max);
    }

    void deleted(String thingId) {
        last.remove(thingId);
    }

    /** The things egress knows of, for a sweep to find those deleted meanwhile. */
    Set<String> things() {
        return Set.copyOf(last.keySet());
    }

    void load(Map<String, Long> stored) {
        stored.forEach(this::published);
    }

    int size() {
        return last.size();
    }
}
