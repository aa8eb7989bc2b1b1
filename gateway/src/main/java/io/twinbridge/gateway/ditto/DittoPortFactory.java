package io.twinbridge.gateway.ditto;

import java.util.Set;

import io.twinbridge.gateway.config.DittoConfig;

/**
 * Opens independent Ditto sessions. Ditto never sends a session the events its own commands caused, so ingest and
 * egress must each have their own.
 */
@FunctionalInterface
public interface DittoPortFactory {
    /**
     * A new, not yet connected session; {@code sessionName} shows up in logs and thread names.
     *
     * @param declaredAcks acknowledgement labels the session declares to Ditto ({@code declared-acks})
     */
    DittoPort open(String sessionName, Set<String> declaredAcks);

    default DittoPort open(String sessionName) {
        return open(sessionName, Set.of());
    }

    /**
     * The same kind of sessions, logged in as another Ditto user, e.g. a tenant's own. Factories that cannot log in
     * as someone else (test doubles) refuse, rather than open a session as the wrong user.
     */
    default DittoPortFactory withCredentials(String username, String password) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot open sessions as another user");
    }

    /**
     * A session authenticated with a bearer token (e.g. a signed-in person's OAuth access token), not a user and
     * password. Factories that cannot (test doubles) refuse.
     */
    default DittoPort openWithBearerToken(String sessionName, String token) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot open sessions with a bearer token");
    }

    /** Sessions over ditto-client's WebSocket with basic auth, as configured. */
    static DittoPortFactory webSocket(DittoConfig config) {
        return new DittoPortFactory() {
            @Override
            public DittoPort open(String sessionName, Set<String> declaredAcks) {
                return new DittoClientAdapter(config, sessionName, declaredAcks);
            }

            @Override
            public DittoPort openWithBearerToken(String sessionName, String token) {
                return DittoClientAdapter.withBearerToken(config, sessionName, token);
            }

            @Override
            public DittoPortFactory withCredentials(String username, String password) {
                return webSocket(new DittoConfig(config.endpoint(), config.httpEndpoint(), username, password,
                        config.connectTimeout(), config.requestTimeout()));
            }
        };
    }
}
