package io.twinbridge.gateway.ditto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.ditto.json.JsonObject;

/**
 * One page of Ditto's search with the things' state.
 *
 * @param things each thing as JSON with {@code thingId}, its readable state, {@code _revision} and {@code _modified}
 * @param cursor where the next page starts; empty on the last page
 */
public record StatePage(List<JsonObject> things, Optional<String> cursor) {
    public StatePage {
        things = List.copyOf(things);
        Objects.requireNonNull(cursor, "cursor");
    }
}
