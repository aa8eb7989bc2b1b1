package io.twinbridge.sandbox.kafka;

/** The broker cannot start because one of its ports is taken by another process. */
public final class PortInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public PortInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
