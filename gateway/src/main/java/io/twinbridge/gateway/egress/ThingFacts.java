package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.mapping.FeatureValues;
import io.twinbridge.gateway.ditto.TwinEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/** What egress knows of one thing beyond its revision. Confined to the tenant's worker thread. */
final class ThingFacts {
    /** The thing's commands, published in event order, each after the previous one. */
    CompletableFuture<Void> commands = CompletableFuture.completedFuture(null);
    /** A read of the model kind from Ditto under way, or null. */
    CompletableFuture<Void> kindLookup;
    Optional<String> kind = Optional.empty();
    Optional<String> definition = Optional.empty();
    final Map<String, JsonValue> pendingDesired = new HashMap<>();

    void learn(TwinEvent event) {
        if (event.path().isEmpty() && event.value().filter(JsonValue::isObject).isPresent()
                && !"merged".equals(event.action())) {
            learnState(event.value().get().asObject());
            return;
        }
        for (FeatureValues.Change desired : FeatureValues.of(event, FeatureValues.DESIRED)) {
            String key = desired.feature() + "/" + desired.property();
            if (desired.value().isNull()) {
                pendingDesired.remove(key);
            } else {
                pendingDesired.put(key, desired.value());
            }
        }
    }

    void learnState(JsonObject thing) {
        thing.getValue("attributes/model").filter(JsonValue::isString).map(JsonValue::asString)
                .ifPresent(k -> kind = Optional.of(k));
        thing.getValue("definition").filter(JsonValue::isString).map(JsonValue::asString)
                .ifPresent(d -> definition = Optional.of(d));
        pendingDesired.clear();
        // a JSON object's keys are unique, so each feature/property pair comes once
        thing.getValue("features").filter(JsonValue::isObject).map(JsonValue::asObject).ifPresent(features ->
                features.forEach(f -> Optional.of(f.getValue()).filter(JsonValue::isObject)
                        .flatMap(v -> v.asObject().getValue(FeatureValues.DESIRED))
                        .filter(JsonValue::isObject).map(JsonValue::asObject).ifPresent(d -> d.forEach(p -> {
                            if (!p.getValue().isNull()) {
                                pendingDesired.put(f.getKeyName() + "/" + p.getKeyName(), p.getValue());
                            }
                        }))));
    }
}
