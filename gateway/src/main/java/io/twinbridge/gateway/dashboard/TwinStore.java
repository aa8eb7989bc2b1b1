package io.twinbridge.gateway.dashboard;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

import io.vertx.core.json.JsonArray;

/**
 * The twins the dashboard shows, at most {@code maxTwins} of them: past the cap new twins are not shown (and
 * counted), so memory stays bounded whatever Ditto holds. Confined to the feed's thread.
 */
final class TwinStore {
    /** Samples of the main measure per twin: five minutes at one point per two seconds. */
    static final int HISTORY_POINTS = 150;
    static final long SAMPLE_MILLIS = 2000;

    private final KindProfiles profiles;
    private final int maxTwins;
    private final Map<String, TwinState> twins = new HashMap<>();
    /** Twins held per tenant: the tenants this store's reader may see. */
    private final Map<String, Integer> perTenant = new java.util.TreeMap<>();
    private long refused;

    TwinStore(KindProfiles profiles, int maxTwins) {
        this.profiles = profiles;
        this.maxTwins = maxTwins;
    }

    Optional<TwinState> get(String thingId) {
        return Optional.ofNullable(twins.get(thingId));
    }

    /**
     * Takes a thing as read from Ditto ({@code retrieveThingState}: with {@code _revision}). Empty when the thing
     * has no kind the dashboard knows (its {@code attributes/model}), or when the store is full.
     */
    Optional<TwinState> put(String thingId, String fallbackTenant, JsonObject thing, long nowMillis) {
        String kind = string(thing, "/attributes/model").orElse("");
        Optional<KindProfile> profile = profiles.forKind(kind);
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        TwinState state = twins.get(thingId);
        if (state == null) {
            if (twins.size() >= maxTwins) {
                refused++;
                return Optional.empty();
            }
            state = new TwinState(thingId, string(thing, "/attributes/tenant").orElse(fallbackTenant), kind,
                    profiles.watchedPaths(kind), profile.get().main().path(), HISTORY_POINTS, SAMPLE_MILLIS);
            twins.put(thingId, state);
            perTenant.merge(state.tenant(), 1, Integer::sum);
        }
        long revision = thing.getValue("_revision").filter(JsonValue::isNumber).map(JsonValue::asLong).orElse(0L);
        state.reset(thing, revision, nowMillis);
        return Optional.of(state);
    }

    void remove(String thingId) {
        TwinState removed = twins.remove(thingId);
        if (removed != null) {
            perTenant.computeIfPresent(removed.tenant(), (tenant, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** The tenants of the twins held, sorted. */
    java.util.List<String> tenants() {
        return java.util.List.copyOf(perTenant.keySet());
    }

    int size() {
        return twins.size();
    }

    /** Twins not shown because the store was full. */
    long refused() {
        return refused;
    }

    Iterable<TwinState> all() {
        return twins.values();
    }

    /** Every twin, ordered by tenant, kind and thing id, as the initial snapshot lists them. */
    JsonArray toJson() {
        JsonArray out = new JsonArray();
        twins.values().stream().sorted(Comparator.comparing(TwinState::tenant).thenComparing(TwinState::kind)
                .thenComparing(TwinState::thingId)).forEach(t -> out.add(t.toJson(true)));
        return out;
    }

    private static Optional<String> string(JsonObject thing, String pointer) {
        return thing.getValue(JsonPointer.of(pointer)).filter(JsonValue::isString).map(JsonValue::asString);
    }
}
