package io.twinbridge.sandbox.ditto.http;

import java.util.Set;
import java.util.UUID;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;

import io.twinbridge.sandbox.ditto.events.EventFilter;
import io.twinbridge.sandbox.ditto.events.EventSubscriber;
import io.twinbridge.sandbox.ditto.twin.ThingChange;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/** Server-sent events of thing changes, one {@code data:} line with the changed thing JSON per event, as Ditto. */
final class SseStream implements EventSubscriber {

    private final String id = UUID.randomUUID().toString();
    private final HttpServerResponse response;
    private final AuthorizationContext subject;
    private final EventFilter filter;
    private final Set<String> thingIds;
    /** The request's context, which owns the response: changes are published from the command loops. */
    private final Context context = Vertx.currentContext();

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
            final String line = "data:" + visible.partialThing().toString() + "\n\n";
            if (context == null || Vertx.currentContext() == context) {
                response.write(line);
            } else {
                context.runOnContext(v -> {
                    if (!response.closed()) {
                        response.write(line);
                    }
                });
            }
            return true;
        }
        return false;
    }
}
