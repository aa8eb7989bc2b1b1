package io.twinbridge.gateway.ditto;

import io.twinbridge.gateway.config.DittoConfig;

/**
 * Opens independent Ditto sessions. Ditto never sends a session the events its own commands caused, so ingest and
 * egress must each have their own.
 */
@FunctionalInterface
public interface DittoPortFactory {
    /** A new, not yet connected session; {@code sessionName} shows up in logs and thread names. */
    DittoPort open(String sessionName);

    /** Sessions over ditto-client's WebSocket with basic auth, as configured. */
    static DittoPortFactory webSocket(DittoConfig config) {
        return sessionName -> new DittoClientAdapter(config, sessionName);
    }
}
