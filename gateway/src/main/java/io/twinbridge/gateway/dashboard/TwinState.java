package io.twinbridge.gateway.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

import io.twinbridge.gateway.ditto.TwinEvent;

/**
 * The latest values of one twin's watched properties, and a short history of its main measure. Confined to the
 * feed's thread.
 */
final class TwinState {
    /** What applying an event did. */
    enum Applied { CHANGED, UNCHANGED, NEEDS_REREAD, DELETED }

    private final String thingId;
    private final String tenant;
    private final String kind;
    private final List<String> watched;
    private final String mainPath;
    private final Map<String, JsonValue> values = new LinkedHashMap<>();
    private final Deque<double[]> history = new ArrayDeque<>();
    private final int historySize;
    private final long sampleMillis;
    private long revision;
    private long updatedMillis;

    TwinState(String thingId, String tenant, String kind, List<String> watched, String mainPath, int historySize,
              long sampleMillis) {
        this.thingId = thingId;
        this.tenant = tenant;
        this.kind = kind;
        this.watched = List.copyOf(watched);
        this.mainPath = mainPath;
        this.historySize = historySize;
        this.sampleMillis = sampleMillis;
    }

    String thingId() {
        return thingId;
    }

    String tenant() {
        return tenant;
    }

    String kind() {
        return kind;
    }

    long revision() {
        return revision;
    }

    /** Replaces every watched value with the thing's state as read from Ditto. */
    void reset(JsonObject thing, long revision, long nowMillis) {
        values.clear();
        for (String path : watched) {
            thing.getValue(pointer(path)).filter(v -> !v.isNull()).ifPresent(v -> values.put(path, v));
        }
        this.revision = revision;
        touched(nowMillis);
    }

    /**
     * Applies one twin event. {@code merged} events carry a JSON merge patch: a watched value they do not mention
     * stays. {@code modified} and {@code created} replace the resource at their path. An event deeper than a watched
     * property (one array item, say) cannot be applied to the property's value here: the caller reads the thing again.
     */
    Applied apply(TwinEvent event, long nowMillis) {
        if (event.revision() != 0 && event.revision() <= revision) {
            return Applied.UNCHANGED;
        }
        JsonPointer at = event.path();
        if (event.action().equals("deleted") && at.isEmpty()) {
            return Applied.DELETED;
        }
        boolean changed = false;
        for (String path : watched) {
            JsonPointer target = pointer(path);
            if (startsWith(target, at)) {
                Optional<JsonValue> value = event.action().equals("deleted") ? Optional.empty()
                        : subValue(event.value(), target, at.getLevelCount());
                if (value.isPresent() && !value.get().isNull()) {
                    changed |= !value.get().equals(values.put(path, value.get()));
                } else if (value.isPresent() || !event.action().equals("merged")) {
                    // merge patch null, a replaced parent without the property, or a deletion: the value is gone
                    changed |= values.remove(path) != null;
                }
            } else if (startsWith(at, target)) {
                return Applied.NEEDS_REREAD;
            }
        }
        revision = event.revision();
        if (changed) {
            touched(nowMillis);
        }
        return changed ? Applied.CHANGED : Applied.UNCHANGED;
    }

    private void touched(long nowMillis) {
        updatedMillis = nowMillis;
        JsonValue main = values.get(mainPath);
        if (main == null || !main.isNumber()) {
            return;
        }
        double[] last = history.peekLast();
        if (last != null && nowMillis - (long) last[0] < sampleMillis) {
            // one point per sample interval: the newest value of the interval wins
            last[1] = main.asDouble();
            return;
        }
        history.addLast(new double[] {nowMillis, main.asDouble()});
        while (history.size() > historySize) {
            history.removeFirst();
        }
    }

    /**
     * The twin as the page gets it: ids, kind and watched values; with {@code withHistory} also the main measure's
     * history (the snapshot has it; updates leave it out, the page samples their values itself).
     */
    io.vertx.core.json.JsonObject toJson(boolean withHistory) {
        io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject().put("id", thingId)
                .put("tenant", tenant).put("kind", kind).put("updated", updatedMillis);
        io.vertx.core.json.JsonObject out = new io.vertx.core.json.JsonObject();
        values.forEach((path, value) -> out.put(path, io.vertx.core.json.Json.decodeValue(value.toString())));
        json.put("values", out);
        if (withHistory) {
            io.vertx.core.json.JsonArray points = new io.vertx.core.json.JsonArray();
            history.forEach(p -> points.add(new io.vertx.core.json.JsonArray().add((long) p[0]).add(p[1])));
            json.put("history", points);
        }
        return json;
    }

    private static Optional<JsonValue> subValue(Optional<JsonValue> value, JsonPointer target, int skip) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        JsonPointer rest = target;
        for (int i = 0; i < skip; i++) {
            rest = rest.nextLevel();
        }
        if (rest.isEmpty()) {
            return value;
        }
        return value.get().isObject() ? value.get().asObject().getValue(rest) : Optional.empty();
    }

    private static boolean startsWith(JsonPointer pointer, JsonPointer prefix) {
        if (prefix.getLevelCount() > pointer.getLevelCount()) {
            return false;
        }
        for (int i = 0; i < prefix.getLevelCount(); i++) {
            if (!prefix.get(i).equals(pointer.get(i))) {
                return false;
            }
        }
        return true;
    }

    static JsonPointer pointer(String path) {
        int dot = path.indexOf('.');
        return JsonPointer.of("/features/" + path.substring(0, dot) + "/properties/" + path.substring(dot + 1));
    }
}
