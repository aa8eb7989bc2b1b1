package io.twinbridge.sandbox.ditto.http;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.ditto.base.model.exceptions.UnsupportedMediaTypeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonParseException;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonPointerInvalidException;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.signals.commands.exceptions.PolicyIdNotDeletableException;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingIdNotDeletableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingIdNotExplicitlySettableException;

import io.twinbridge.sandbox.ditto.twin.TwinAction;

/**
 * The request rules of Ditto 3.9's HTTP routes that the sandbox's services do not see: the resource path as a JSON
 * pointer, the content type, and the {@code thingId} in a thing's body. Pure functions of the request.
 */
final class HttpRules {

    static final String MERGE_PATCH = "application/merge-patch+json";
    /**
     * {@code AbstractRoute.mediaTypeJsonWithFallbacks}: JSON plus {@code gateway.http.additional-accepted-media-types}
     * (default {@code application/octet-stream}, which is also what a request without content type is taken as).
     */
    private static final Set<String> JSON_WITH_FALLBACKS = Set.of("application/json", "application/octet-stream");

    private HttpRules() {
    }

    /**
     * The resource path below the entity. Ditto reads it with {@code JsonPointer.of}, which refuses consecutive
     * slashes ({@code ImmutableJsonPointer.ofParsed}: 400 {@code json.pointer.invalid}); the raw request path is
     * checked because the router matches on the normalised path, which has them collapsed.
     */
    static JsonPointer pathOf(final String rawRequestPath, final String rest, final DittoHeaders headers) {
        final int entityStart = rawRequestPath.indexOf('/', "/api/2/".length());
        final String afterEntity = entityStart < 0 ? "" : rawRequestPath.substring(entityStart);
        final int resource = afterEntity.indexOf('/', 1);
        final String rawRest = resource < 0 ? "" : afterEntity.substring(resource);
        if (rawRest.contains("//") || rawRequestPath.startsWith("/api/2//")) {
            throw JsonPointerInvalidException.newBuilderForConsecutiveSlashes(rawRest).build();
        }
        return rest.isEmpty() || "/".equals(rest) ? JsonPointer.empty() : JsonPointer.of(rest);
    }

    /**
     * {@code ContentTypeValidationDirective}: PUT and POST take JSON with fallbacks
     * ({@code ensureMediaTypeJsonWithFallbacksThenExtractDataBytes}), PATCH only {@code application/merge-patch+json}
     * ({@code ensureMediaTypeMergePatchJsonThenExtractDataBytes}); else 415 {@code mediatype.unsupported}. The media
     * type is compared without parameters, as pekko-http parses it.
     */
    static void checkContentType(final TwinAction action, final String contentType, final DittoHeaders headers) {
        final String mediaType = Optional.ofNullable(contentType).map(c -> c.split(";", 2)[0].trim()
                .toLowerCase(Locale.ROOT)).filter(c -> !c.isEmpty()).orElse("application/octet-stream");
        if (action == TwinAction.MERGE && !MERGE_PATCH.equals(mediaType)) {
            throw UnsupportedMediaTypeException.builderForMergePatchJsonMediaType(mediaType, MERGE_PATCH)
                    .dittoHeaders(headers).build();
        }
        if ((action == TwinAction.MODIFY || action == TwinAction.CREATE) && !JSON_WITH_FALLBACKS.contains(mediaType)) {
            throw UnsupportedMediaTypeException.withDetailedInformationBuilder(mediaType, JSON_WITH_FALLBACKS)
                    .dittoHeaders(headers).build();
        }
    }

    /**
     * {@code ThingJsonObjectCreator.forPut}/{@code forPatch}: a {@code thingId} in the body of a PUT or PATCH of a
     * thing must be the one of the path (else 400 {@code things:id.notsettable}); a PATCH may not set it or the
     * {@code policyId} to null ({@code things:id.notdeletable}, {@code things:policyId.notdeletable}).
     */
    static Optional<JsonValue> checkThingIdInBody(final TwinAction action, final String thingId,
            final Optional<JsonValue> body, final DittoHeaders headers) {
        if ((action != TwinAction.MODIFY && action != TwinAction.MERGE) || body.isEmpty()
                || !body.get().isObject()) {
            return body;
        }
        final Optional<JsonValue> given = body.get().asObject().getValue("thingId");
        if (action == TwinAction.MERGE) {
            if (given.filter(JsonValue::isNull).isPresent()) {
                throw ThingIdNotDeletableException.newBuilder().dittoHeaders(headers).build();
            }
            if (body.get().asObject().getValue("policyId").filter(JsonValue::isNull).isPresent()) {
                throw PolicyIdNotDeletableException.newBuilder().dittoHeaders(headers).build();
            }
        }
        if (given.isPresent() && (!given.get().isString() || !thingId.equals(given.get().asString()))) {
            throw ThingIdNotExplicitlySettableException.forPutOrPatchMethod().dittoHeaders(headers).build();
        }
        return body;
    }

    /**
     * {@code ThingsRoute.createThingForPost}: the body may not name a {@code thingId}
     * ({@code ThingIdNotExplicitlySettableException.forPostMethod}); the id is {@code ThingId.generateRandom(namespace)},
     * a random UUID in the given namespace or in the default (empty) one.
     */
    static ThingId generatedThingId(final JsonValue body, final String namespace, final DittoHeaders headers) {
        if (!body.isObject()) {
            throw JsonParseException.newBuilder().message("The body of a POST must be a JSON object.").build();
        }
        if (body.asObject().contains("thingId")) {
            throw ThingIdNotExplicitlySettableException.forPostMethod().dittoHeaders(headers).build();
        }
        return ThingId.of(namespace == null ? "" : namespace, UUID.randomUUID().toString());
    }
}
