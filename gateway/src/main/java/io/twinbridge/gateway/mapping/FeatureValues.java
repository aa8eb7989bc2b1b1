package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.ditto.TwinEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * The feature property values a twin event sets, whatever the path it was sent on: {@code /},
 * {@code /features}, {@code /features/f}, {@code /features/f/desiredProperties} or one property.
 */
public final class FeatureValues {
    public static final String DESIRED = "desiredProperties";
    public static final String REPORTED = "properties";

    /** One property value set by an event; a JSON null (a merge that deletes) is reported as such. */
    public record Change(String feature, String property, JsonValue value) {
    }

    private FeatureValues() {
    }

    /** The {@code kind} ({@code desiredProperties} or {@code properties}) values the event sets. */
    public static List<Change> of(TwinEvent event, String kind) {
        if (event.value().isEmpty() || "deleted".equals(event.action())) {
            return List.of();
        }
        JsonValue value = event.value().get();
        JsonObject rooted = event.path().isEmpty()
                ? (value.isObject() ? value.asObject() : JsonObject.empty())
                : JsonObject.empty().setValue(event.path(), value);
        List<Change> changes = new ArrayList<>();
        Optional<JsonObject> features = rooted.getValue("features").filter(JsonValue::isObject)
                .map(JsonValue::asObject);
        features.ifPresent(all -> {
            for (JsonField feature : all) {
                if (!feature.getValue().isObject()) {
                    continue;
                }
                feature.getValue().asObject().getValue(kind).filter(JsonValue::isObject).map(JsonValue::asObject)
                        .ifPresent(props -> props.forEach(p -> changes.add(new Change(feature.getKeyName(),
                                p.getKeyName(), p.getValue()))));
            }
        });
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
