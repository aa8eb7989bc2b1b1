package io.twinbridge.launcher.bench;

import io.twinbridge.gateway.ditto.DetachedPort;
import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.ditto.TwinEventListener;
import io.twinbridge.gateway.ditto.TwinEvents;

/**
 * A Ditto session without a WebSocket, for {@code bench egress}: it hands recorded Ditto protocol messages to the
 * egress listener exactly as the WebSocket's reading thread does ({@link TwinEvents#parse}, then
 * {@link TwinEventListener#onEvent}), so egress runs its real code path on a source faster than itself. Searches
 * find nothing and things are not found ({@link DetachedPort}), so egress's sweeps publish nothing of their own.
 */
final class ReplayPort extends DetachedPort {
    /** On the caller's thread, as the WebSocket's reading thread would: parse and hand over. */
    void replay(String protocolJson) {
        TwinEvent event = TwinEvents.parse(protocolJson).orElseThrow(() -> new IllegalArgumentException(
                "not a twin event: " + protocolJson));
        listener().onEvent(event);
    }

    boolean subscribed() {
        return listener() != null;
    }
}
