package io.twinbridge.gateway.result;

import java.util.Locale;

/** The pipeline stage at which a record failed; written to the dead-letter header {@code twinbridge.dlq.stage}
 * ({@code kafka.DeadLetterHeaders.STAGE}). */
public enum Stage {
    DECODE, VALIDATE, MAP, DITTO;

    /** Lower-case name as used in error codes and headers, e.g. {@code validate}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
