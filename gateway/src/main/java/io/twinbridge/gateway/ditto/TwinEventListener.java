package io.twinbridge.gateway.ditto;

/**
 * Receives a session's twin events. Calls come on the WebSocket's reading thread, one at a time and in the order
 * Ditto sent them, so an implementation must hand the event off quickly and never block.
 */
public interface TwinEventListener {
    void onEvent(TwinEvent event);

    /**
     * The session's WebSocket was open before, was lost and is open again: events sent meanwhile are gone. The
     * subscription itself is renewed by the adapter.
     */
    void onReconnected();
}
