package io.twinbridge.sandbox.ditto;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings of a {@link DittoSandbox}. Every {@code with…} method returns a changed copy.
 */
public final class SandboxOptions {

    private final String host;
    private final int port;
    private final Map<String, String> users;
    private final boolean preAuthenticated;
    private final Duration searchLag;

    private SandboxOptions(final String host, final int port, final Map<String, String> users,
            final boolean preAuthenticated, final Duration searchLag) {
        this.host = host;
        this.port = port;
        this.users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
        this.preAuthenticated = preAuthenticated;
        this.searchLag = searchLag;
    }

    /** Like Ditto behind its nginx: 127.0.0.1:8080, user {@code ditto:ditto}, no pre-authentication. */
    public static SandboxOptions defaults() {
        return new SandboxOptions("127.0.0.1", 8080, Map.of("ditto", "ditto"), false, Duration.ZERO);
    }

    public SandboxOptions withHost(final String h) {
        return new SandboxOptions(Objects.requireNonNull(h, "host"), port, users, preAuthenticated, searchLag);
    }

    /** @param p the TCP port; 0 picks a free one. */
    public SandboxOptions withPort(final int p) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535 but was " + p);
        }
        return new SandboxOptions(host, p, users, preAuthenticated, searchLag);
    }

    /** Adds (or replaces) a basic-auth user; it authenticates as subject {@code nginx:<user>}. */
    public SandboxOptions withUser(final String user, final String password) {
        if (user == null || user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("user must be non-empty and must not contain ':'");
        }
        final Map<String, String> copy = new LinkedHashMap<>(users);
        copy.put(user, Objects.requireNonNull(password, "password"));
        return new SandboxOptions(host, port, copy, preAuthenticated, searchLag);
    }

    /** Whether the header {@code x-ditto-pre-authenticated: <issuer>:<subject>} is accepted instead of basic auth. */
    public SandboxOptions withPreAuthenticated(final boolean allow) {
        return new SandboxOptions(host, port, users, allow, searchLag);
    }

    /**
     * How far the search index lags behind the things ({@code GET /api/2/search/things}), as Ditto's asynchronously
     * updated index does: a thing deleted less than this ago is still found, one created less than this ago not yet.
     * Zero (the default) = no lag.
     */
    public SandboxOptions withSearchLag(final Duration lag) {
        if (lag.isNegative()) {
            throw new IllegalArgumentException("search lag must not be negative but was " + lag);
        }
        return new SandboxOptions(host, port, users, preAuthenticated, lag);
    }

    public Duration searchLag() {
        return searchLag;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Map<String, String> users() {
        return users;
    }

    public boolean preAuthenticated() {
        return preAuthenticated;
    }
}
