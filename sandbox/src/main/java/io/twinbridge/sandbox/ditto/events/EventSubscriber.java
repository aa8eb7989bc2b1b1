package io.twinbridge.sandbox.ditto.events;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;

import io.twinbridge.sandbox.ditto.twin.ThingChange;

/** A receiver of twin events: a WebSocket session or an SSE stream. */
public interface EventSubscriber {

    /** Identifies the session so that it does not receive events of its own commands. */
    String sessionId();

    AuthorizationContext subject();

    /** @param visible the change, its value cut down to what the subject may read */
    void deliver(ThingChange visible);
}
