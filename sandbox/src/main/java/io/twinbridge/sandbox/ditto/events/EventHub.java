package io.twinbridge.sandbox.ditto.events;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

import io.twinbridge.sandbox.ditto.twin.ChangeListener;
import io.twinbridge.sandbox.ditto.twin.PolicyAccess;
import io.twinbridge.sandbox.ditto.twin.ThingChange;

/**
 * Fans thing changes out to subscribers that may READ them, never back to the session that caused them.
 */
public final class EventHub implements ChangeListener {

    private final Set<EventSubscriber> subscribers = ConcurrentHashMap.newKeySet();

    public void subscribe(final EventSubscriber subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(final EventSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    @Override
    public void onChange(final ThingChange change) {
        for (final EventSubscriber subscriber : subscribers) {
            if (change.origin().filter(subscriber.sessionId()::equals).isEmpty()) {
                visibleTo(change, subscriber.subject()).ifPresent(subscriber::deliver);
            }
        }
    }

    /** The change as the subject may see it, or empty if it may read none of it. */
    public static Optional<ThingChange> visibleTo(final ThingChange change, final AuthorizationContext subject) {
        final PolicyAccess access = change.access();
        if (change.value().isEmpty()) {
            return access.mayReadSomething(PolicyAccess.THING, change.path(), subject)
                    ? Optional.of(change) : Optional.empty();
        }
        final JsonValue value = change.value().get();
        final JsonObject rooted = change.path().isEmpty() && value.isObject() ? value.asObject()
                : JsonObject.empty().setValue(change.path(), value);
        final JsonObject view = access.readView(PolicyAccess.THING, rooted, subject);
        final Optional<JsonValue> visible = change.path().isEmpty() ? Optional.of(view).filter(v -> !v.isEmpty())
                .map(JsonValue.class::cast) : view.getValue(change.path());
        return visible.map(v -> new ThingChange(change.thingId(), change.action(), change.path(), Optional.of(v),
                change.revision(), change.timestamp(), change.headers(), access, change.origin()));
    }
}
