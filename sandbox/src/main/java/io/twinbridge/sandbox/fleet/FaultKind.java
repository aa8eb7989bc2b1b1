package io.twinbridge.sandbox.fleet;

/** The kinds of bad record the simulator injects, each meant to end in the gateway's dead-letter queue. */
public enum FaultKind {
    /** Random bytes starting with {@code FF}: no encoding's prefix. Expect {@code decode.malformed}. */
    GARBAGE,
    /** Right framing, but a fingerprint, registry id or schema name nobody knows. Expect {@code decode.unknown-schema}. */
    UNKNOWN_SCHEMA,
    /** A well-formed record with a physically impossible value. Expect {@code validate.out-of-range}. */
    OUT_OF_RANGE,
    /** JSON: a number field holding a string ({@code decode.schema-violation}); Avro: the record cut short
     * ({@code decode.malformed}). */
    WRONG_TYPE_OR_TRUNCATED,
    /** A valid record whose device id is qualified with another tenant's name ({@code other:WTG-001}) and published
     * on this tenant's topic: the gateway must refuse it. */
    FOREIGN_DEVICE
}
