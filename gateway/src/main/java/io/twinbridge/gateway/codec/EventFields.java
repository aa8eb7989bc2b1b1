package io.twinbridge.gateway.codec;

/**
 * Read access to the fields of one decoded telemetry event, independent of its wire encoding.
 *
 * <p>Values are normalised: integers as {@link Integer} or {@link Long}, floating point as {@link Float} or
 * {@link Double}, text and enum symbols as {@link String}, booleans as {@link Boolean}, arrays as
 * {@link java.util.List}, nested records as {@link EventFields}. {@code timestamp-millis} fields are {@link Long}
 * epoch milliseconds. Maps are {@code Map<String, Object>}, bytes and fixed are {@code byte[]}. Every codec normalises
 * to the type of the Avro field, so JSON {@code 12} in a {@code double} field is a {@link Double} too.
 */
public interface EventFields {

    /** The value at the path, or {@code null} when the field is absent or null. */
    Object get(FieldPath path);
}
