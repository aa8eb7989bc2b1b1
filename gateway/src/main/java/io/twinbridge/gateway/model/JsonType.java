package io.twinbridge.gateway.model;

import java.util.Locale;
import java.util.Optional;

/** The WoT / JSON Schema data types a Thing Model property can declare. */
public enum JsonType {
    INTEGER, NUMBER, STRING, BOOLEAN, ARRAY, OBJECT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<JsonType> parse(String label) {
        for (JsonType t : values()) {
            if (t.label().equals(label)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
