package io.twinbridge.sandbox.ditto.rql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/** A JSON pointer split once into its keys, looked up as Ditto 3.9.6's {@code ImmutableJsonObject} does. */
final class JsonLookup {

    /** Each key as a one-level pointer, which ditto-json's lookups take as they are (a key becomes a new pointer). */
    private final JsonPointer[] levels;

    JsonLookup(final JsonPointer pointer) {
        final List<JsonPointer> list = new ArrayList<>();
        pointer.forEach(key -> list.add(level(key)));
        this.levels = list.toArray(new JsonPointer[0]);
    }

    /** The one-level pointer to {@code key}, taken as it is (no {@code /} or {@code ~} decoding). */
    static JsonPointer pointer(final String key) {
        return level(JsonKey.of(key));
    }

    private static JsonPointer level(final JsonKey key) {
        return JsonPointer.empty().addLeaf(key);
    }

    static JsonLookup of(final String pointer) {
        return new JsonLookup(JsonPointer.of(pointer));
    }

    String root() {
        return levels.length == 0 ? "" : levels[0].getRoot().orElseThrow().toString();
    }

    /** {@code JsonObject.getValue(pointer)}: objects only on the way down. */
    Optional<JsonValue> get(final JsonObject object) {
        JsonValue current = object;
        for (final JsonPointer level : levels) {
            if (!current.isObject()) {
                return Optional.empty();
            }
            final Optional<JsonValue> next = current.asObject().getValue(level);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    /**
     * {@code ImmutableJsonObject.getValueFlatteningArrays} (3.9.6 {@code getValueForPointer(pointer, true)}): an
     * array on the way down is descended into element by element (its objects only), and the values found are
     * collected into an array.
     */
    Optional<JsonValue> getFlatteningArrays(final JsonObject object) {
        return flattening(object, 0, null);
    }

    /** As {@link #getFlatteningArrays(JsonObject)}, the first level resolved by {@code first} if not null. */
    Optional<JsonValue> getFlatteningArrays(final JsonObject object, final JsonValue first) {
        return flattening(object, 0, first);
    }

    private Optional<JsonValue> flattening(final JsonObject object, final int level, final JsonValue given) {
        final int remaining = levels.length - level;
        if (remaining == 0) {
            return Optional.of(object);
        }
        final Optional<JsonValue> value = given != null ? Optional.of(given) : object.getValue(levels[level]);
        if (remaining == 1 || value.isEmpty()) {
            return value;
        }
        final JsonValue found = value.get();
        if (found.isObject()) {
            return flattening(found.asObject(), level + 1, null);
        }
        if (!found.isArray()) {
            return Optional.empty();
        }
        final List<JsonValue> collected = new ArrayList<>();
        for (final JsonValue element : found.asArray()) {
            if (element.isObject()) {
                flattening(element.asObject(), level + 1, null).ifPresent(collected::add);
            }
        }
        if (collected.isEmpty()) {
            return Optional.empty();
        }
        final JsonArray array = JsonFactory.newArrayBuilder(collected).build();
        return Optional.of(array);
    }
}
