package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.result.Failure;

/** The outcome of one write to a twin, shared by every record that was coalesced into it. */
public sealed interface WriteOutcome {

    /**
     * Persisted. {@code staleFeatures} features of the update were older than the twin and left out; {@code created}:
     * the thing did not exist and was created first, so the write took three commands in a row (merge, create, merge).
     */
    record Applied(int staleFeatures, boolean created) implements WriteOutcome {
        /** Commands the write sent one after the other. */
        public int commands() {
            return created ? 3 : 1;
        }
    }

    /** Nothing was written: the twin already holds newer state for every feature of the update. */
    record Stale(int staleFeatures) implements WriteOutcome {
    }

    /** Ditto refused the update for good; the records go to the dead-letter topic. */
    record Rejected(Failure failure) implements WriteOutcome {
    }
}
