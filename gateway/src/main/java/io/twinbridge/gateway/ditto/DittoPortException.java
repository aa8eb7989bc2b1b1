package io.twinbridge.gateway.ditto;

/**
 * A Ditto command that did not succeed, in one typed shape so that callers classify retry versus dead letter in
 * one place.
 *
 * <ul>
 *   <li>{@code status} is Ditto's HTTP status (e.g. 404, 412, 429), or {@link #UNAVAILABLE} (0) when Ditto could
 *   not be reached at all;</li>
 *   <li>{@code errorCode} is Ditto's error code such as {@code things:condition.failed}, or one of the
 *   {@code twinbridge:} codes below for failures on the gateway's side of the wire.</li>
 * </ul>
 */
public final class DittoPortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Status of failures where no answer from Ditto exists: not connected, connection lost. */
    public static final int UNAVAILABLE = 0;
    public static final String CODE_UNAVAILABLE = "twinbridge:ditto.unavailable";
    public static final String CODE_TIMEOUT = "twinbridge:ditto.timeout";
    public static final String CODE_UNEXPECTED_RESPONSE = "twinbridge:ditto.unexpected-response";

    private final int status;
    private final String errorCode;

    public DittoPortException(int status, String errorCode, String message) {
        super(status + " " + errorCode + ": " + message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public DittoPortException(int status, String errorCode, String message, Throwable cause) {
        this(status, errorCode, message);
        initCause(cause);
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean isUnavailable() {
        return status == UNAVAILABLE;
    }
}
