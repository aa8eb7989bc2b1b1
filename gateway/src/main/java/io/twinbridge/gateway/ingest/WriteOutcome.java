package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.result.Failure;

/** The outcome of one write to a twin, shared by every record that was coalesced into it. */
public sealed interface WriteOutcome {

    /**
     * Persisted. {@code staleFeatures} features of the update were older than the twin and left out.
     *
     * @param created  the write created the twin
     * @param commands the commands the write sent to Ditto one after the other (1 for a merge; 2 for a merge answered
     *                 404 and the create that carried the update; more after retries)
     */
    record Applied(int staleFeatures, boolean created, int commands) implements WriteOutcome {
    }

    /** Nothing was written: the twin already holds newer state for every feature of the update. */
    record Stale(int staleFeatures) implements WriteOutcome {
    }

    /** Ditto refused the update for good; the records go to the dead-letter topic. */
    record Rejected(Failure failure) implements WriteOutcome {
    }
}
