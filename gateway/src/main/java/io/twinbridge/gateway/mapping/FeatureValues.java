package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.ditto.TwinEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * The feature property values a twin event sets, whatever the path it was sent on: {@code /},
 * {@code /features}, {@code /features/f}, {@code /features/f/desiredProperties} or one property.
 */
public final class FeatureValues {
    private static final JsonKey FEATURES = JsonKey.of("features");
    public static final String DESIRED = "desiredProperties";
    public static final String REPORTED = "properties";

    /** One property value set by an event; a JSON null (a merge that deletes) is reported as such. */
    public record Change(String feature, String property, JsonValue value) {
    }

    private FeatureValues() {
    }

    /**
     * The {@code kind} ({@code desiredProperties} or {@code properties}) values the event sets. Walks the event's
     * path level by level with {@link JsonKey}s instead of rooting the value at its path and looking it up by
     * string keys: Ditto parses every string key as a pointer with a regular expression, which was the largest
     * cost per event on egress's worker; an event outside {@code /features} costs next to nothing.
     */
    public static List<Change> of(TwinEvent event, String kind) {
        if (event.value().isEmpty() || "deleted".equals(event.action())) {
            return List.of();
        }
        JsonValue value = event.value().get();
        JsonPointer path = event.path();
        int levels = path.getLevelCount();
        if (levels == 0) {
            return value.isObject() ? ofFeatures(value.asObject().getValue(FEATURES), kind) : List.of();
        }
        if (!FEATURES.equals(path.get(0).orElseThrow())) {
            return List.of();
        }
        if (levels == 1) {
            return ofFeatures(Optional.of(value), kind);
        }
        String feature = path.get(1).orElseThrow().toString();
        if (levels == 2) {
            return ofFeature(feature, value, kind, new ArrayList<>());
        }
        if (!kind.equals(path.get(2).orElseThrow().toString())) {
            return List.of();
        }
        if (levels == 3) {
            return ofProperties(feature, value, new ArrayList<>());
        }
        String property = path.get(3).orElseThrow().toString();
        // deeper than the property: its value is the part the event set, as an object rooted at the property
        JsonValue set = levels == 4 ? value : JsonObject.empty().setValue(path.getSubPointer(4).orElseThrow(), value);
        return List.of(new Change(feature, property, set));
    }

    private static List<Change> ofFeatures(Optional<JsonValue> features, String kind) {
        if (features.isEmpty() || !features.get().isObject()) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        for (JsonField feature : features.get().asObject()) {
            ofFeature(feature.getKeyName(), feature.getValue(), kind, changes);
        }
        return changes;
    }

    private static List<Change> ofFeature(String feature, JsonValue value, String kind, List<Change> changes) {
        if (value.isObject()) {
            value.asObject().getValue(JsonKey.of(kind)).ifPresent(props -> ofProperties(feature, props, changes));
        }
        return changes;
    }

    private static List<Change> ofProperties(String feature, JsonValue props, List<Change> changes) {
        if (props.isObject()) {
            props.asObject().forEach(p -> changes.add(new Change(feature, p.getKeyName(), p.getValue())));
        }
        return changes;
    }

    /** A desired value as {@code DesiredPropertyCommands} takes it, or empty for null, objects and arrays. */
    public static Optional<Object> toJava(JsonValue value) {
        if (value.isBoolean()) {
            return Optional.of(value.asBoolean());
        } else if (value.isString()) {
            return Optional.of(value.asString());
        } else if (value.isNumber()) {
            return Optional.of(value.isLong() || value.isInt() ? (Object) value.asLong() : (Object) value.asDouble());
        }
        return Optional.empty();
    }
}
