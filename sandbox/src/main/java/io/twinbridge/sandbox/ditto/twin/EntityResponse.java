package io.twinbridge.sandbox.ditto.twin;

import java.util.Optional;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.json.JsonValue;

/**
 * The successful answer to an {@link EntityRequest}; failures are Ditto's own exceptions.
 *
 * @param eTag the entity tag of the resource after the command, as Ditto's {@code ETag} response header
 */
public record EntityResponse(HttpStatus status, Optional<JsonValue> value, Optional<EntityTag> eTag) {

    public EntityResponse(final HttpStatus status, final Optional<JsonValue> value) {
        this(status, value, Optional.empty());
    }

    public static EntityResponse of(final HttpStatus status, final JsonValue value) {
        return new EntityResponse(status, Optional.of(value));
    }

    public static EntityResponse noContent() {
        return new EntityResponse(HttpStatus.NO_CONTENT, Optional.empty());
    }

    public EntityResponse withETag(final EntityTag tag) {
        return new EntityResponse(status, value, Optional.of(tag));
    }
}
