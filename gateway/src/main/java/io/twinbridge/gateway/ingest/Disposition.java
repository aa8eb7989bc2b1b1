package io.twinbridge.gateway.ingest;

/** What to do with a failed step; decided in one place, {@link ErrorClassifier}. */
public enum Disposition {
    /** Transient: keep the record, back off and try again. */
    RETRY,
    /** The thing does not exist yet: create it, then apply the update. */
    PROVISION,
    /** The twin holds newer state: drop the stale part, it is not an error. */
    STALE,
    /** Permanent: write the record to the dead-letter topic. */
    DEAD_LETTER
}
