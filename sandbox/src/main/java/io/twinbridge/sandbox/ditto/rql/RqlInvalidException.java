package io.twinbridge.sandbox.ditto.rql;

/**
 * The RQL parses but cannot be evaluated: an unknown property, or {@code like} with a value that is no string
 * (the {@code IllegalArgumentException}s Ditto's {@code QueryFilterCriteriaFactory} turns into
 * {@code rql.expression.invalid}).
 */
public final class RqlInvalidException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RqlInvalidException(final String message) {
        super(message);
    }
}
