package io.twinbridge.sandbox.ditto.twin;

import java.time.Instant;
import java.util.Optional;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * One applied change of a thing, the source of a twin event.
 *
 * @param action the event action: created, modified, merged or deleted
 * @param access the policy that decides who may read the change
 */
public record ThingChange(ThingId thingId, String action, JsonPointer path, Optional<JsonValue> value,
        long revision, Instant timestamp, DittoHeaders headers, PolicyAccess access, Optional<String> origin) {

    /** The thing as far as this change shows it: its id plus the changed value at its path (like Ditto's SSE). */
    public JsonObject partialThing() {
        final JsonObject withValue = value.filter(v -> !path.isEmpty())
                .map(v -> JsonObject.empty().setValue(path, v))
                .orElseGet(() -> value.filter(JsonValue::isObject).map(JsonValue::asObject)
                        .orElse(JsonObject.empty()));
        return withValue.setValue(JsonFactory.newKey("thingId"), JsonValue.of(thingId.toString()));
    }
}
