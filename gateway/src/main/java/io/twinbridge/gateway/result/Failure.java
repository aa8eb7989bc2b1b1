package io.twinbridge.gateway.result;

import java.util.Objects;

/**
 * A typed, non-exceptional failure of one record.
 *
 * @param stage   where it failed
 * @param code    stable machine-readable code, prefixed with the stage, e.g. {@code validate.out-of-range}
 * @param message human-readable detail: the field, the value and the bound, as far as known
 */
public record Failure(Stage stage, String code, String message) {
    public Failure {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (!code.startsWith(stage.label() + ".")) {
            throw new IllegalArgumentException("code '" + code + "' must start with '" + stage.label() + ".'");
        }
    }

    public static Failure of(Stage stage, String codeSuffix, String message) {
        return new Failure(stage, stage.label() + "." + codeSuffix, message);
    }
}
