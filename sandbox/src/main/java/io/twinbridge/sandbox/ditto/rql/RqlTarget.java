package io.twinbridge.sandbox.ditto.rql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * What an RQL predicate is evaluated on: a thing as Ditto's {@code ThingPredicateVisitor} sees it.
 * {@link #json()} is the thing's regular JSON ({@code Thing.toJson()}, what {@code exists} and {@code empty} of a
 * simple field look at); {@link #special(String)} adds the hidden special fields ({@code _revision},
 * {@code _modified}, {@code _created}, {@code _namespace}, {@code _metadata}) that comparisons see
 * ({@code thing.toJson(p -> true)}).
 */
public interface RqlTarget {

    JsonObject json();

    /** A special field by its name, if the thing has it and it is not already in {@link #json()}. */
    default Optional<JsonValue> special(final String name) {
        return Optional.empty();
    }

    /** The time {@code time:now} resolves to (Ditto's {@code ImmutableTimePlaceholder} takes {@code Instant.now()}). */
    default Instant now() {
        return Instant.now();
    }

    /**
     * The values of the placeholder {@code prefix:name} for this evaluation, as Ditto 3.9.6's
     * {@code ThingPredicatePredicateVisitor} asks its additional {@code PlaceholderResolver}s (first resolver with
     * that prefix that supports the name); empty if none. {@code time:} is resolved here
     * ({@code ImmutableTimePlaceholder} at {@link #now()}); an event filter adds its {@code topic:}, {@code entity:}
     * and {@code resource:} ({@code StreamingSession}).
     */
    default List<String> placeholder(final String prefix, final String name) {
        if ("time".equals(prefix)) {
            final String time = TimePlaceholder.resolve(name, now());
            return time == null ? List.of() : List.of(time);
        }
        return List.of();
    }

    /** A thing given as JSON, special fields included if the JSON has them (search, event filters). */
    static RqlTarget of(final JsonObject json) {
        return () -> json;
    }
}
