package io.twinbridge.gateway.ditto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.ditto.things.model.ThingId;

/**
 * One page of Ditto's search.
 *
 * @param thingIds the things found, in Ditto's order
 * @param cursor   where the next page starts; empty on the last page
 */
public record ThingPage(List<ThingId> thingIds, Optional<String> cursor) {
    public ThingPage {
        thingIds = List.copyOf(thingIds);
        Objects.requireNonNull(cursor, "cursor");
    }
}
