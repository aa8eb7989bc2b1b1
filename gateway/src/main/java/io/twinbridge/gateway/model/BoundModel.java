package io.twinbridge.gateway.model;

import java.util.Objects;
import org.apache.avro.Schema;

/** A cross-checked triple: the telemetry schema, the binding and the Thing Model it targets. */
public record BoundModel(Binding binding, ThingModel model, Schema schema) {
    public BoundModel {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(schema, "schema");
    }
}
