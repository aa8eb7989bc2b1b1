package io.twinbridge.sandbox.ditto.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;

import io.twinbridge.sandbox.ditto.twin.ChangeListener;
import io.twinbridge.sandbox.ditto.twin.PolicyAccess;
import io.twinbridge.sandbox.ditto.twin.ThingChange;

/**
 * An optional delay of the search index behind the things, as in Ditto, whose things-search service updates its index
 * asynchronously (search.conf {@code updater.stream.write-interval = 1s}, plus the time to process the change): a
 * thing deleted less than {@code lag} ago is still found, and one created less than {@code lag} ago is not found yet.
 * A thing found after its deletion is an item with its {@code thingId} only (the sandbox keeps no copy of it); it is
 * found by whoever could read it when it was deleted. Off (zero) by default, so tests that do not ask for it see their
 * writes at once. Only creations and deletions of whole things lag; a change inside a thing shows at once.
 */
public final class SearchLag implements ChangeListener {

    private record Recent(boolean deleted, Instant at, PolicyAccess access) {
    }

    private final Duration lag;
    private final Clock clock;
    private final Map<ThingId, Recent> recent = new ConcurrentHashMap<>();

    public SearchLag(final Duration lag, final Clock clock) {
        if (lag.isNegative()) {
            throw new IllegalArgumentException("search lag must not be negative: " + lag);
        }
        this.lag = lag;
        this.clock = clock;
    }

    @Override
    public void onChange(final ThingChange change) {
        if (lag.isZero() || !change.path().isEmpty()) {
            return;
        }
        final boolean deleted = "deleted".equals(change.action());
        if (!deleted && !"created".equals(change.action())) {
            return;
        }
        recent.compute(change.thingId(), (id, before) -> {
            if (before != null && fresh(before) && before.deleted() != deleted) {
                // deleted and created again (or the reverse) within the lag: the index still shows the state it
                // had before both, which is what the store shows now
                return null;
            }
            return new Recent(deleted, change.timestamp(), change.access());
        });
    }

    /** Whether the index does not hold this thing yet: created less than the lag ago. */
    boolean hidden(final ThingId thingId) {
        final Recent entry = recent.get(thingId);
        return entry != null && !entry.deleted() && fresh(entry);
    }

    /** The things deleted less than the lag ago that the index still finds for the subject, as thingId-only items. */
    List<JsonObject> stillIndexed(final Predicate<ThingId> where, final AuthorizationContext subject) {
        final List<JsonObject> found = new ArrayList<>();
        recent.entrySet().removeIf(e -> !fresh(e.getValue()));
        recent.forEach((id, entry) -> {
            if (entry.deleted() && where.test(id)
                    && entry.access().mayReadSomething(PolicyAccess.THING, JsonPointer.empty(), subject)) {
                found.add(JsonObject.newBuilder().set("thingId", id.toString()).build());
            }
        });
        return found;
    }

    private boolean fresh(final Recent entry) {
        return entry.at().plus(lag).isAfter(clock.instant());
    }
}
