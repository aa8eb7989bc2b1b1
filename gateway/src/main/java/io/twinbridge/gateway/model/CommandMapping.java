package io.twinbridge.gateway.model;

import java.util.Objects;

/**
 * How a change of a writable desired property becomes a {@code DeviceCommand}: the command name and the parameter
 * that carries the value, converted from model units to device units.
 */
public record CommandMapping(String feature, String property, String command, String parameter, Conversion conversion) {
    public CommandMapping {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(conversion, "conversion");
    }

    public String target() {
        return feature + "/" + property;
    }
}
