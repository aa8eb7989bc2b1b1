package io.twinbridge.launcher;

/** The command line is wrong; the message says what to change. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
