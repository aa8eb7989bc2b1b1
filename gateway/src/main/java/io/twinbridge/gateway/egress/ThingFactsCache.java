package io.twinbridge.gateway.egress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What egress knows of the things it saw lately (model kind, definition, pending desired values), bounded: past
 * {@code max} things the least recently used one is forgotten, and learnt again from its next event or from Ditto.
 * Confined to the tenant's worker thread.
 */
final class ThingFactsCache {
    private final Map<String, ThingFacts> facts;

    ThingFactsCache(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        this.facts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ThingFacts> eldest) {
                return size() > max;
            }
        };
    }

    /** The thing's facts, created empty when not known. */
    ThingFacts get(String thingId) {
        return facts.computeIfAbsent(thingId, id -> new ThingFacts());
    }

    void remove(String thingId) {
        facts.remove(thingId);
    }

    int size() {
        return facts.size();
    }
}
