package io.twinbridge.gateway.config;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach Ditto.
 *
 * @param endpoint       WebSocket endpoint, e.g. {@code ws://127.0.0.1:8080/ws/2}
 * @param httpEndpoint   HTTP base URL without {@code /api/2}
 * @param requestTimeout default wait for one command's answer
 */
public record DittoConfig(URI endpoint, URI httpEndpoint, String username, String password, Duration connectTimeout,
                          Duration requestTimeout) {
    @Override
    public String toString() {
        return "DittoConfig[endpoint=" + endpoint + ", httpEndpoint=" + httpEndpoint + ", username=" + username
                + ", password=****, connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }
}
