package io.twinbridge.gateway.ditto;

import org.eclipse.ditto.client.configuration.AuthenticationConfiguration;
import org.eclipse.ditto.client.configuration.DummyAuthenticationConfiguration;
import org.eclipse.ditto.client.messaging.AuthenticationProvider;

import com.neovisionaries.ws.client.WebSocket;

/**
 * Sends a bearer token the caller already holds (a signed-in person's OAuth access token) as
 * {@code Authorization: Bearer} on every WebSocket Ditto's client opens. ditto-client's own token providers fetch
 * or refresh tokens themselves; this one only passes a given token on, and Ditto's gateway checks it (Ditto doc
 * "Authentication: JWT", {@code JwtAuthenticationProvider}).
 */
final class BearerAuthentication implements AuthenticationProvider<WebSocket> {
    private final String token;
    private final AuthenticationConfiguration configuration;

    BearerAuthentication(String token) {
        this.token = token;
        // ditto-client reads only the session id, extra headers and proxy from it: none of them set here
        this.configuration = DummyAuthenticationConfiguration.newBuilder().dummyUsername("bearer").build();
    }

    @Override
    public AuthenticationConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public void prepareAuthentication(WebSocket socket) {
        socket.addHeader("Authorization", "Bearer " + token);
    }

    @Override
    public void destroy() {
        // holds nothing to release
    }
}
