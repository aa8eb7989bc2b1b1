package io.twinbridge.gateway.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the correlation ids of the Ditto commands in flight unique. The ids come from Kafka headers that producers
 * choose, and two records of different things may carry the same one; but ditto-client pairs a response with its
 * command by correlation id, and Ditto refuses a second acknowledgement request under an id still in use. A
 * duplicate therefore gets a suffix {@code #2}, {@code #3}, ... for as long as the first is in flight.
 */
final class InFlightCorrelationIds {
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** The id itself, or the id with the lowest free suffix; {@link #release} it when its write is done. */
    String claim(String id) {
        if (inFlight.add(id)) {
            return id;
        }
        for (int n = 2; ; n++) {
            String candidate = id + "#" + n;
            if (inFlight.add(candidate)) {
                return candidate;
            }
        }
    }

    void release(String claimed) {
        inFlight.remove(claimed);
    }

    int size() {
        return inFlight.size();
    }
}
