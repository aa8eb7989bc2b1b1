package io.twinbridge.gateway.model;

import java.util.Objects;

/**
 * One inconsistency found while loading models, schemas and bindings.
 *
 * @param file     the file at fault, relative to its root
 * @param field    the Avro field path concerned, or {@code -} when none
 * @param property the {@code feature/property} concerned, or {@code -} when none
 * @param message  what is wrong
 */
public record Problem(String file, String field, String property, String message) {

    public static final String NONE = "-";

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(message, "message");
    }

    public static Problem ofFile(String file, String message) {
        return new Problem(file, NONE, NONE, message);
    }

    @Override
    public String toString() {
        return file + ": field '" + field + "', property '" + property + "': " + message;
    }
}
