package io.twinbridge.gateway.codec;

import java.util.Set;

import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;

/**
 * The stable error codes of the decode stage, and which of them are worth retrying.
 *
 * <p>Only {@link #REGISTRY_UNAVAILABLE} is retriable: the record itself may be fine, the schema registry could not be
 * asked. Every other decode failure is a property of the bytes and belongs in the dead-letter queue.
 */
public final class DecodeErrors {
    /** Not the expected framing, truncated, trailing bytes, invalid Avro varints, invalid JSON or UTF-8. */
    public static final String MALFORMED = "decode.malformed";
    /** The fingerprint, registry id or schema name is not known, or no local reader schema has that name. */
    public static final String UNKNOWN_SCHEMA = "decode.unknown-schema";
    /** The schema registry did not answer in time, refused the credentials, or answered with a server error. */
    public static final String REGISTRY_UNAVAILABLE = "decode.registry-unavailable";
    /** The payload is well-formed but does not fit its schema: JSON Schema errors, incompatible writer schema. */
    public static final String SCHEMA_VIOLATION = "decode.schema-violation";

    private static final Set<String> RETRIABLE = Set.of(REGISTRY_UNAVAILABLE);

    private DecodeErrors() {
    }

    /** True when the failure says nothing about the record and the same record may decode later. */
    public static boolean isRetriable(Failure failure) {
        return RETRIABLE.contains(failure.code());
    }

    static <T> Result<T> malformed(String message) {
        return err(MALFORMED, message);
    }

    static <T> Result<T> unknownSchema(String message) {
        return err(UNKNOWN_SCHEMA, message);
    }

    static <T> Result<T> registryUnavailable(String message) {
        return err(REGISTRY_UNAVAILABLE, message);
    }

    static <T> Result<T> schemaViolation(String message) {
        return err(SCHEMA_VIOLATION, message);
    }

    private static <T> Result<T> err(String code, String message) {
        return Result.err(new Failure(Stage.DECODE, code, message));
    }
}
