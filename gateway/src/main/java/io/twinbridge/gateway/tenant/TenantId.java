package io.twinbridge.gateway.tenant;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant's id: lower-case letters, digits and dashes, starting with a letter, at most 63 characters, so that it is
 * safe in Kafka topic names, URL paths and Ditto policy ids.
 */
public record TenantId(String value) implements Comparable<TenantId> {
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public TenantId {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid tenant id '" + value + "': must match " + PATTERN.pattern());
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
