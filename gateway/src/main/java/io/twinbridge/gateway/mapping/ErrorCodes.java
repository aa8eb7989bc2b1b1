package io.twinbridge.gateway.mapping;

/** Stable error code suffixes of the mapping step; the full code is {@code <stage>.<suffix>}, e.g. {@code validate.out-of-range}. */
public final class ErrorCodes {
    /** Value below the TM minimum or above its maximum, or an array length outside minItems..maxItems. */
    public static final String OUT_OF_RANGE = "out-of-range";
    /** Value of a Java type that does not fit the TM type, or a non-finite number. */
    public static final String WRONG_TYPE = "wrong-type";
    /** String value not among the TM enum. */
    public static final String NOT_IN_ENUM = "not-in-enum";
    /** deviceId, timestamp or a required (not tm:optional) property is absent or null. */
    public static final String MISSING_REQUIRED = "missing-required";
    /** No binding for the event's schema. */
    public static final String UNKNOWN_SCHEMA = "unknown-schema";
    /** The event was handed to the mapper of another schema. */
    public static final String SCHEMA_MISMATCH = "schema-mismatch";
    /** deviceId cannot be the name part of a Ditto thing id. */
    public static final String INVALID_DEVICE_ID = "invalid-device-id";
    /** A desired property has no command mapping. */
    public static final String NO_COMMAND = "no-command";

    private ErrorCodes() {
    }
}
