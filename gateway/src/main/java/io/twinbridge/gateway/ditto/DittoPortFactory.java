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

    /** Sessions over ditto-client's WebSocket with basic auth, as configured. */
    static DittoPortFactory webSocket(DittoConfig config) {
        return (sessionName, declaredAcks) -> new DittoClientAdapter(config, sessionName, declaredAcks);
    }
}
