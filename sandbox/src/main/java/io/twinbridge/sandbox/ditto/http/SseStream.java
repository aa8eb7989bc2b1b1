package io.twinbridge.sandbox.ditto.http;

import java.util.Set;
import java.util.UUID;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;

import io.twinbridge.sandbox.ditto.events.EventFilter;
import io.twinbridge.sandbox.ditto.events.EventSubscriber;
import io.twinbridge.sandbox.ditto.twin.ThingChange;
import io.vertx.core.http.HttpServerResponse;

/** Server-sent events of thing changes, one {@code data:} line with the changed thing JSON per event, as Ditto. */
final class SseStream implements EventSubscriber {

    private final String id = UUID.randomUUID().toString();
    private final HttpServerResponse response;
    private final AuthorizationContext subject;
    private final EventFilter filter;
    private final Set<String> thingIds;

    SseStream(final HttpServerResponse response, final AuthorizationContext subject, final EventFilter filter,
            final Set<String> thingIds) {
        this.response = response;
        this.subject = subject;
        this.filter = filter;
        this.thingIds = thingIds;
    }

    @Override
    public String sessionId() {
        return id;
    }

    @Override
    public AuthorizationContext subject() {
        return subject;
    }

    @Override
    public boolean deliver(final ThingChange visible) {
        final boolean wanted = thingIds.isEmpty() || thingIds.contains(visible.thingId().toString());
        if (wanted && filter.accepts(visible) && !response.closed()) {
            response.write("data:" + visible.partialThing().toString() + "\n\n");
            return true;
        }
        return false;
    }
}
