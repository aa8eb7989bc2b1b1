package io.twinbridge.gateway.mapping;

import java.util.Objects;

/**
 * A property value with the source timestamp of the sample it came from.
 *
 * @param value    Integer, Long, Double, String, Boolean or an unmodifiable List of those
 * @param sourceTs epoch milliseconds at the device
 */
public record TimedValue(Object value, long sourceTs) {
    public TimedValue {
        Objects.requireNonNull(value, "value");
    }
}
