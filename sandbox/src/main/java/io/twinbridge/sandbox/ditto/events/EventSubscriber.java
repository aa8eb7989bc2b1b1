package io.twinbridge.sandbox.ditto.events;

import java.util.Set;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;

import io.twinbridge.sandbox.ditto.twin.ThingChange;

/** A receiver of twin events: a WebSocket session or an SSE stream. */
public interface EventSubscriber {

    /** Identifies the session so that it does not receive events of its own commands. */
    String sessionId();

    AuthorizationContext subject();

    /**
     * @param visible the change, its value cut down to what the subject may read
     * @return whether the subscriber took it (its filters accepted it)
     */
    boolean deliver(ThingChange visible);

    /** Acknowledgement labels this subscriber declared; only WebSocket sessions declare any. */
    default Set<String> declaredAcks() {
        return Set.of();
    }
}
