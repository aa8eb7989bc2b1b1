package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.mapping.FeatureValues;
import io.twinbridge.gateway.ditto.TwinEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/** What egress knows of one thing beyond its revision. Confined to the tenant's worker thread. */
final class ThingFacts {
    // pointers and keys parsed once: Ditto parses a string key with a regular expression on every look-up
    private static final JsonPointer MODEL = JsonPointer.of("/attributes/model");
    private static final JsonKey DEFINITION = JsonKey.of("definition");
    private static final JsonKey FEATURES = JsonKey.of("features");
    private static final JsonKey DESIRED = JsonKey.of(FeatureValues.DESIRED);

    /** The thing's commands, published in event order, each after the previous one. */
    CompletableFuture<Void> commands = CompletableFuture.completedFuture(null);
    /** A read of the model kind from Ditto under way, or null. */
    CompletableFuture<Void> kindLookup;
    Optional<String> kind = Optional.empty();
    Optional<String> definition = Optional.empty();
    final Map<String, JsonValue> pendingDesired = new HashMap<>();

    /** @param desired the event's {@link FeatureValues#of desired values}, found once per event by the caller */
    void learn(TwinEvent event, List<FeatureValues.Change> desired) {
        if (event.path().isEmpty() && event.value().filter(JsonValue::isObject).isPresent()
                && !"merged".equals(event.action())) {
            learnState(event.value().get().asObject());
            return;
        }
        for (FeatureValues.Change change : desired) {
            String key = change.feature() + "/" + change.property();
            if (change.value().isNull()) {
                pendingDesired.remove(key);
            } else {
                pendingDesired.put(key, change.value());
            }
        }
    }

    void learnState(JsonObject thing) {
        thing.getValue(MODEL).filter(JsonValue::isString).map(JsonValue::asString)
                .ifPresent(k -> kind = Optional.of(k));
        thing.getValue(DEFINITION).filter(JsonValue::isString).map(JsonValue::asString)
                .ifPresent(d -> definition = Optional.of(d));
        pendingDesired.clear();
        // a JSON object's keys are unique, so each feature/property pair comes once
        thing.getValue(FEATURES).filter(JsonValue::isObject).map(JsonValue::asObject).ifPresent(features ->
                features.forEach(f -> Optional.of(f.getValue()).filter(JsonValue::isObject)
                        .flatMap(v -> v.asObject().getValue(DESIRED))
                        .filter(JsonValue::isObject).map(JsonValue::asObject).ifPresent(d -> d.forEach(p -> {
                            if (!p.getValue().isNull()) {
                                pendingDesired.put(f.getKeyName() + "/" + p.getKeyName(), p.getValue());
                            }
                        }))));
    }
}
