package io.twinbridge.gateway.tenant.document;

import java.util.List;
import java.util.Objects;

/** A checked value, or every problem that kept it from being one. Never both, never neither. */
public sealed interface Checked<T> permits Checked.Valid, Checked.Invalid {

    static <T> Checked<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Checked<T> invalid(List<DocumentProblem> problems) {
        return new Invalid<>(problems);
    }

    record Valid<T>(T value) implements Checked<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    record Invalid<T>(List<DocumentProblem> problems) implements Checked<T> {
        public Invalid {
            problems = List.copyOf(problems.stream().sorted().toList());
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one problem");
            }
        }
    }
}
