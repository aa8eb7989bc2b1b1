package io.twinbridge.sandbox.ditto.twin;

import java.util.Optional;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.json.JsonValue;

/** The successful answer to an {@link EntityRequest}; failures are Ditto's own exceptions. */
public record EntityResponse(HttpStatus status, Optional<JsonValue> value) {

    public static EntityResponse of(final HttpStatus status, final JsonValue value) {
        return new EntityResponse(status, Optional.of(value));
    }

    public static EntityResponse noContent() {
        return new EntityResponse(HttpStatus.NO_CONTENT, Optional.empty());
    }
}
