package io.twinbridge.sandbox.ditto.events;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

import io.twinbridge.sandbox.ditto.acks.AckRegistry;
import io.twinbridge.sandbox.ditto.twin.ChangeListener;
import io.twinbridge.sandbox.ditto.twin.PolicyAccess;
import io.twinbridge.sandbox.ditto.twin.ThingChange;

/**
 * Fans thing changes out to subscribers that may READ them, never back to the session that caused them.
 */
public final class EventHub implements ChangeListener {

    private final Set<EventSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AckRegistry acks;

    public EventHub() {
        this(new AckRegistry());
    }

    /** @param acks gets weak acknowledgements for labels whose declaring subscriber did not get the event */
    public EventHub(final AckRegistry acks) {
        this.acks = acks;
    }

    public void subscribe(final EventSubscriber subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(final EventSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    @Override
    public void onChange(final ThingChange change) {
        final Set<String> requested = AckRegistry.customLabels(change.headers());
        final Set<String> reached = new HashSet<>();
        for (final EventSubscriber subscriber : subscribers) {
            if (change.origin().filter(subscriber.sessionId()::equals).isEmpty()) {
                final boolean delivered = visibleTo(change, subscriber.subject()).map(subscriber::deliver)
                        .orElse(false);
                if (delivered) {
                    subscriber.declaredAcks().stream().filter(requested::contains).forEach(reached::add);
                }
            }
        }
        if (!requested.isEmpty()) {
            final List<String> weak = requested.stream()
                    .filter(label -> !reached.contains(label) && acks.isDeclared(label)).toList();
            change.headers().getCorrelationId().ifPresent(id -> acks.weakAcknowledge(id, weak));
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
