package io.twinbridge.launcher;

/** Exit codes of {@code ./twinbridge}, so scripts can tell failures apart. */
final class ExitCodes {
    static final int OK = 0;
    /** The command ran and failed, for example because a port was taken. */
    static final int FAILED = 1;
    /** The command line is wrong, or the subcommand is not available yet. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
