package io.twinbridge.gateway.config;

/** Where the gateway's own HTTP server listens; port 0 picks a free port. */
public record HttpConfig(String host, int port) {
}
