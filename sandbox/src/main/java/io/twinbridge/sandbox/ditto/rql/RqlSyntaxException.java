package io.twinbridge.sandbox.ditto.rql;

/** The RQL text does not follow Ditto's grammar (Ditto's {@code ParserException}). */
public final class RqlSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RqlSyntaxException(final String message) {
        super(message);
    }
}
