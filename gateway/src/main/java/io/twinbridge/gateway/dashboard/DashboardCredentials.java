package io.twinbridge.gateway.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who signed in to the dashboard: the {@code Authorization} header the browser sent (after the sign-in prompt), or
 * that the reverse proxy passed on. The gateway does not judge it: Ditto does, when the gateway reads as this person.
 *
 * @param authorization the header value, {@code Basic ...} or {@code Bearer ...}, forwarded to Ditto unchanged
 * @param key           SHA-256 of the header: the same credentials, in any tab, share one Ditto session
 * @param user          the basic-auth user name, or {@code token-<first hex digits of the key>} for a bearer token
 * @param password      the basic-auth password; empty for a bearer token
 * @param bearerToken   the bearer token; empty for basic auth
 */
record DashboardCredentials(String authorization, String key, String user, Optional<String> password,
                            Optional<String> bearerToken) {

    @Override
    public String toString() {
        return "DashboardCredentials[" + user + "]";
    }

    /** Empty when the header is missing or is neither well-formed basic auth nor a bearer token. */
    static Optional<DashboardCredentials> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new DashboardCredentials(value, sha256(value), decoded.substring(0, colon),
                    Optional.of(decoded.substring(colon + 1)), Optional.empty()));
        }
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).trim();
            if (token.isEmpty()) {
                return Optional.empty();
            }
            String key = sha256(value);
            return Optional.of(new DashboardCredentials(value, key, "token-" + key.substring(0, 12),
                    Optional.empty(), Optional.of(token)));
        }
        return Optional.empty();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
