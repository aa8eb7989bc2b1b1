package io.twinbridge.sandbox.ditto.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationModelFactory;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.auth.DittoAuthorizationContextType;

import io.vertx.core.MultiMap;

/**
 * Authenticates requests as Ditto behind its nginx does: basic-auth user {@code U} becomes subject {@code nginx:U}.
 * Optionally trusts {@code x-ditto-pre-authenticated: <issuer>:<subject>[,…]}.
 */
public final class Authenticator {

    public static final String PRE_AUTHENTICATED_HEADER = "x-ditto-pre-authenticated";
    public static final String REALM_CHALLENGE = "Basic realm=\"DITTO\"";

    private final Map<String, String> users;
    private final boolean preAuthenticated;

    public Authenticator(final Map<String, String> users, final boolean preAuthenticated) {
        this.users = Map.copyOf(users);
        this.preAuthenticated = preAuthenticated;
    }

    /** The authenticated subject, or empty when the credentials are missing or wrong. */
    public Optional<AuthorizationContext> authenticate(final MultiMap headers) {
        final String preAuth = headers.get(PRE_AUTHENTICATED_HEADER);
        if (preAuthenticated && preAuth != null && !preAuth.isBlank()) {
            final List<AuthorizationSubject> subjects = Arrays.stream(preAuth.split(","))
                    .map(String::trim).filter(s -> s.contains(":"))
                    .map(AuthorizationSubject::newInstance).toList();
            return subjects.isEmpty() ? Optional.empty() : Optional.of(context(subjects,
                    DittoAuthorizationContextType.PRE_AUTHENTICATED_HTTP));
        }
        return basicUser(headers.get("Authorization"))
                .map(user -> context(List.of(AuthorizationSubject.newInstance("nginx:" + user)),
                        DittoAuthorizationContextType.UNSPECIFIED));
    }

    private Optional<String> basicUser(final String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        final String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        final int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        final String user = decoded.substring(0, colon);
        final String expected = users.get(user);
        final boolean matches = expected != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return matches ? Optional.of(user) : Optional.empty();
    }

    private static AuthorizationContext context(final List<AuthorizationSubject> subjects,
            final DittoAuthorizationContextType type) {
        return AuthorizationModelFactory.newAuthContext(type, subjects);
    }
}
