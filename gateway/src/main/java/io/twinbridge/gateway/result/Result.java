package io.twinbridge.gateway.result;

import java.util.Objects;
import java.util.function.Function;

/**
 * Either a value or a typed {@link Failure}. Pure pipeline steps return this instead of throwing or returning null.
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> err(Failure failure) {
        return new Err<>(failure);
    }

    static <T> Result<T> err(Stage stage, String codeSuffix, String message) {
        return new Err<>(Failure.of(stage, codeSuffix, message));
    }

    boolean isOk();

    /** The value; throws {@link IllegalStateException} on a failure. */
    T value();

    /** The failure; throws {@link IllegalStateException} on success. */
    Failure failure();

    @SuppressWarnings("unchecked")
    default <U> Result<U> flatMap(Function<? super T, Result<U>> next) {
        return isOk() ? next.apply(value()) : (Result<U>) this;
    }

    @SuppressWarnings("unchecked")
    default <U> Result<U> map(Function<? super T, ? extends U> fn) {
        return isOk() ? ok(fn.apply(value())) : (Result<U>) this;
    }

    record Ok<T>(T value) implements Result<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isOk() {
            return true;
        }

        @Override
        public Failure failure() {
            throw new IllegalStateException("not a failure");
        }
    }

    record Err<T>(Failure failure) implements Result<T> {
        public Err {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public boolean isOk() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("failed: " + failure);
        }
    }
}
