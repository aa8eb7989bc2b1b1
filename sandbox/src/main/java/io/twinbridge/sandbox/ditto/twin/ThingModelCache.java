package io.twinbridge.sandbox.ditto.twin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * Ditto's thing model of each stored thing's JSON. Every change validates the new JSON by building the model
 * anyway; keeping it means that the next command's {@code condition} is evaluated without building it again.
 */
final class ThingModelCache {
    private record Entry(JsonObject json, Thing thing) {
    }

    private final Map<ThingId, Entry> entries = new ConcurrentHashMap<>();

    /** The model of {@code json}, the stored JSON of thing {@code id}. */
    Thing of(final ThingId id, final JsonObject json) {
        final Entry cached = entries.get(id);
        // stored JSON is immutable: the same object means the same content
        if (cached != null && cached.json() == json) {
            return cached.thing();
        }
        final Thing thing = ThingsModelFactory.newThing(json);
        entries.put(id, new Entry(json, thing));
        return thing;
    }

    /**
     * Validates {@code json} with Ditto's thing model, which throws Ditto's own errors for malformed parts, and
     * returns the model's JSON, remembered as thing {@code id}'s candidate.
     */
    JsonObject validate(final ThingId id, final JsonObject json) {
        final Thing thing = ThingsModelFactory.newThing(json);
        final JsonObject valid = thing.toJson();
        entries.put(id, new Entry(valid, thing));
        return valid;
    }

    void forget(final ThingId id) {
        entries.remove(id);
    }
}
