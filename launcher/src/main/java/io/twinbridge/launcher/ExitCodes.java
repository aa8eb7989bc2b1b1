package io.twinbridge.launcher;

/** Exit codes of {@code ./twinbridge}, so scripts can tell failures apart. */
final class ExitCodes {
    static final int OK = 0;
    /** The command ran and failed, for example because a port was taken. */
    static final int FAILED = 1;
    /** The command line is wrong, or the subcommand is not available yet. */
    static final int USAGE = 2;
    /** {@code tenants}: the tenants document is invalid (locally, or the gateway answered 400). */
    static final int INVALID_DOCUMENT = 3;
    /** {@code tenants apply}: the gateway refused the token (401) or the tenant is not the token's (403). */
    static final int NOT_AUTHORIZED = 4;
    /** {@code tenants apply}: the gateway could not be reached. */
    static final int GATEWAY_UNREACHABLE = 5;
    /** {@code tenants apply}: the gateway could not apply a policy because Ditto is down (503); safe to retry. */
    static final int DITTO_UNAVAILABLE = 6;
    /** {@code tenants}: the document file cannot be read. */
    static final int FILE_UNREADABLE = 7;

    private ExitCodes() {
    }
}
