package io.twinbridge.sandbox.ditto.events;

import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.placeholders.PlaceholderResolver;

import io.twinbridge.sandbox.ditto.rql.RqlTarget;
import io.twinbridge.sandbox.ditto.twin.ThingChange;

/**
 * What an event filter is evaluated on, as Ditto 3.9.6's {@code StreamingSession.matchesFilter} sees it: the thing
 * of the event merged with the enriched extra fields ({@code mergeThingWithExtra}), its special fields
 * ({@code _revision}, {@code _modified}, ...) hidden from the regular JSON as {@code Thing.toJson()} hides them, and
 * the event's placeholder resolvers ({@link FilterPlaceholders#resolvers}), built only if the filter asks for one.
 */
final class EventTarget implements RqlTarget {

    private final ThingChange change;
    private final JsonObject asSeen;
    private final JsonObject regular;
    private PlaceholderResolver<?>[] resolvers;

    EventTarget(final ThingChange change, final JsonObject asSeen) {
        this.change = change;
        this.asSeen = asSeen;
        this.regular = regularFields(asSeen);
    }

    @Override
    public JsonObject json() {
        return regular;
    }

    @Override
    public Optional<JsonValue> special(final String name) {
        return regular == asSeen ? Optional.empty() : asSeen.getValue(JsonKey.of(name));
    }

    @Override
    public List<String> placeholder(final String prefix, final String name) {
        if ("time".equals(prefix)) {
            // the sandbox's ImmutableTimePlaceholder of 3.9.6, the same that resolves time: values
            return RqlTarget.super.placeholder(prefix, name);
        }
        if (resolvers == null) {
            resolvers = FilterPlaceholders.resolvers(change);
        }
        return FilterPlaceholders.resolve(resolvers, prefix, name);
    }

    /** Thing.toJson(): without the special fields, which all start with '_'; the same object if it has none. */
    private static JsonObject regularFields(final JsonObject thing) {
        boolean special = false;
        for (final JsonField field : thing) {
            if (field.getKeyName().startsWith("_")) {
                special = true;
                break;
            }
        }
        if (!special) {
            return thing;
        }
        return JsonFactory.newObjectBuilder()
                .setAll(() -> thing.stream().filter(f -> !f.getKeyName().startsWith("_")).iterator()).build();
    }
}
