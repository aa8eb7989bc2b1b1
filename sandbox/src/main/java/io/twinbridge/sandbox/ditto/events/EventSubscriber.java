package io.twinbridge.sandbox.ditto.events;

import java.util.Set;
import java.util.UUID;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;

import io.twinbridge.sandbox.ditto.twin.ThingChange;

/**
 * A receiver of twin events: a WebSocket session or an SSE stream. Each has a session id of its own and the subject
 * it reads as, which the hub uses to cut each change down to what the subject may read.
 */
public abstract class EventSubscriber {
    private final String sessionId = UUID.randomUUID().toString();
    private final AuthorizationContext subject;

    protected EventSubscriber(final AuthorizationContext subject) {
        this.subject = subject;
    }

    /** Identifies the session so that it does not receive events of its own commands. */
    public final String sessionId() {
        return sessionId;
    }

    public final AuthorizationContext subject() {
        return subject;
    }

    /**
     * @param visible the change, its value cut down to what the subject may read
     * @return whether the subscriber took it (its filters accepted it)
     */
    public abstract boolean deliver(ThingChange visible);

    /** Acknowledgement labels this subscriber declared; only WebSocket sessions declare any. */
    public Set<String> declaredAcks() {
        return Set.of();
    }
}
