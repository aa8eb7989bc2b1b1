package io.twinbridge.sandbox.ditto.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;

import io.twinbridge.sandbox.ditto.twin.ThingChange;
import io.twinbridge.sandbox.ditto.twin.ThingConditions;

/**
 * Which events a subscription wants: by namespace and by an RQL filter evaluated, as in Ditto, on the thing as the
 * event shows it (thing id plus the changed part).
 */
public final class EventFilter {

    private final Set<String> namespaces;
    private final Optional<Predicate<JsonObject>> filter;

    private EventFilter(final Set<String> namespaces, final Optional<Predicate<JsonObject>> filter) {
        this.namespaces = namespaces;
        this.filter = filter;
    }

    public static EventFilter all() {
        return new EventFilter(Set.of(), Optional.empty());
    }

    /**
     * @param query e.g. {@code namespaces=a,b&filter=eq(attributes/x,1)} (URL-encoded values)
     * @throws org.eclipse.ditto.base.model.exceptions.DittoRuntimeException for an invalid RQL filter
     */
    public static EventFilter parse(final String query) {
        final Map<String, String> params = new LinkedHashMap<>();
        for (final String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                final int eq = pair.indexOf('=');
                final String key = eq < 0 ? pair : pair.substring(0, eq);
                final String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return of(Optional.ofNullable(params.get("namespaces")), Optional.ofNullable(params.get("filter")));
    }

    public static EventFilter of(final Optional<String> namespaceList, final Optional<String> rql) {
        final Set<String> namespaces = namespaceList.map(list -> Arrays.stream(list.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        final Optional<Predicate<JsonObject>> filter = rql.filter(s -> !s.isBlank())
                .map(s -> ThingConditions.parse(s, DittoHeaders.empty()));
        return new EventFilter(namespaces, filter);
    }

    /**
     * As {@link #accepts(ThingChange)}, with the filter evaluated on {@code asSeen}: the event's thing with enriched
     * extra fields (Ditto's {@code StreamingSession.matchesFilter} on {@code mergeThingWithExtra}).
     */
    public boolean accepts(final ThingChange change, final JsonObject asSeen) {
        final boolean namespaceOk = namespaces.isEmpty() || namespaces.contains(change.thingId().getNamespace());
        return namespaceOk && filter.map(f -> f.test(asSeen)).orElse(true);
    }

    public boolean accepts(final ThingChange change) {
        final boolean namespaceOk = namespaces.isEmpty() || namespaces.contains(change.thingId().getNamespace());
        return namespaceOk && filter.map(f -> f.test(change.partialThing())).orElse(true);
    }
}
