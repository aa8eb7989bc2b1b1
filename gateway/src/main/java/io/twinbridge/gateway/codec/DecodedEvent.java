package io.twinbridge.gateway.codec;

import java.util.Objects;

/**
 * One telemetry event after decoding.
 *
 * @param schemaName the full name of the writer's record schema, e.g. {@code twinbridge.telemetry.TurbineTelemetry};
 *                   it selects the twin model and binding
 * @param fields     the event's fields
 */
public record DecodedEvent(String schemaName, EventFields fields) {
    public DecodedEvent {
        Objects.requireNonNull(schemaName, "schemaName");
        Objects.requireNonNull(fields, "fields");
    }
}
