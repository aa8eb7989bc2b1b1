package io.twinbridge.gateway.model;

import io.twinbridge.gateway.codec.FieldPath;
import java.util.Objects;

/** One Avro field path bound to one feature property, with the conversion from device to model units. */
public record FieldBinding(FieldPath field, String feature, String property, Conversion conversion) {
    public FieldBinding {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(conversion, "conversion");
    }

    /** {@code feature/property}, as used in messages. */
    public String target() {
        return feature + "/" + property;
    }
}
