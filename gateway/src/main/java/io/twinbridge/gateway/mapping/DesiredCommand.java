package io.twinbridge.gateway.mapping;

import java.util.Objects;

/**
 * What a desired-property change becomes on the device side: {@code DeviceCommand.command} and one entry of
 * {@code DeviceCommand.parameters}, already in device units.
 */
public record DesiredCommand(String command, String parameter, Object value) {
    public DesiredCommand {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(value, "value");
    }
}
