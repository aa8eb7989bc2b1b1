package io.twinbridge.sandbox.ditto.twin;

import java.util.Optional;

import org.eclipse.ditto.base.model.exceptions.DittoHeaderInvalidException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTagMatchers;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingPreconditionFailedException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingPreconditionNotModifiedException;

import io.twinbridge.sandbox.ditto.SandboxStore.ThingRecord;

/**
 * Ditto 3.9's conditional headers on things: entity tags ({@code EntityTagBuilder}: {@code "rev:<n>"} for the thing,
 * {@code "hash:<hex hashCode>"} of the model object for a sub-resource, as the things service's command strategies
 * pick it), {@code If-Match} and {@code If-None-Match} ({@code ConditionalHeadersValidator},
 * {@code IfMatchPreconditionHeader}, {@code IfNoneMatchPreconditionHeader}) and {@code if-equal}
 * ({@code IfEqualPreconditionHeader}), with the errors of {@code ThingsConditionalHeadersValidatorProvider}.
 * Pure functions of the stored thing and the request; the caller holds the thing's lock.
 */
public final class ThingPreconditions {

    public static final String IF_EQUAL = "if-equal";
    private static final String IF_MATCH = "if-match";
    private static final String IF_NONE_MATCH = "if-none-match";

    private ThingPreconditions() {
    }

    /**
     * Checks {@code If-Match}, {@code If-None-Match} and {@code if-equal} of the request against the thing as stored
     * before the command (empty when it does not exist). Called after enforcement, as Ditto checks them in the
     * persistence actor's strategies ({@code AbstractConditionHeaderCheckingCommandStrategy}).
     *
     * @throws ThingPreconditionFailedException 412 when a precondition fails (for a query's If-None-Match: 304
     * {@link ThingPreconditionNotModifiedException})
     */
    public static void check(final EntityRequest request, final Optional<ThingRecord> thing) {
        final DittoHeaders headers = request.headers();
        final Optional<EntityTagMatchers> ifMatch = headers.getIfMatch();
        final Optional<EntityTagMatchers> ifNoneMatch = headers.getIfNoneMatch();
        final Optional<String> ifEqual = ifEqualOf(headers);
        if (ifMatch.isEmpty() && ifNoneMatch.isEmpty() && ifEqual.isEmpty()) {
            return;
        }
        final Optional<EntityTag> current = thing.flatMap(t -> eTagOf(t, request.path()));
        final boolean queryOrDelete = request.action() == TwinAction.RETRIEVE || request.action() == TwinAction.DELETE;
        // ConditionalHeadersValidator.skipPreconditionHeaderCheck: no current entity tag on a query or a delete
        if (current.isEmpty() && queryOrDelete) {
            return;
        }
        final String actual = current.map(EntityTag::toString).orElse("null");
        ifMatch.ifPresent(matchers -> {
            if (current.isEmpty() || matchers.stream().noneMatch(m -> m.strongMatch(current.get()))) {
                throw failed(IF_MATCH, matchers.toString(), actual, headers, current);
            }
        });
        ifNoneMatch.ifPresent(matchers -> {
            if (current.isPresent() && matchers.stream().anyMatch(m -> m.strongMatch(current.get()))) {
                if (request.action() == TwinAction.RETRIEVE) {
                    throw ThingPreconditionNotModifiedException.newBuilder(matchers.toString(), actual)
                            .dittoHeaders((DittoHeaders) headers.toBuilder().eTag(current.get()).build()).build();
                }
                throw failed(IF_NONE_MATCH, matchers.toString(), actual, headers, current);
            }
        });
        ifEqual.filter(option -> !"update".equals(option)).ifPresent(option -> {
            if (thing.isPresent() && unchanged(request, thing.get().json())) {
                // ThingsConditionalHeadersValidationSettings.createPreconditionFailedForEqualityExceptionBuilder
                throw ThingPreconditionFailedException.newBuilder(IF_EQUAL, option, actual)
                        .message("The previous value was equal to the new value and the 'if-equal' header was set "
                                + "to 'skip'.")
                        .description("Your changes were not applied, which is probably the expected outcome.")
                        .dittoHeaders(headers).build();
            }
        });
    }

    /**
     * The entity tag of the resource at {@code path} of the stored thing, as Ditto's strategies compute it
     * ({@code nextEntityTag}): empty when the resource does not exist.
     */
    public static Optional<EntityTag> eTagOf(final ThingRecord thing, final JsonPointer path) {
        if (path.isEmpty()) {
            return Optional.of(EntityTag.strong("\"rev:" + thing.revision() + "\""));
        }
        return thing.json().getValue(path).map(value -> modelObject(path, value)).flatMap(EntityTag::fromEntity);
    }

    /**
     * The entity tag of a policy resource for its {@code GET} ({@code RetrievePolicyStrategy} and the other retrieve
     * strategies of the policies service): {@code "rev:<n>"} for the policy, the hash of the JSON value below it.
     * Empty when the resource does not exist; then the retrieve fails anyway.
     */
    public static Optional<EntityTag> policyETag(final io.twinbridge.sandbox.ditto.SandboxStore.PolicyRecord policy,
            final JsonPointer path) {
        if (path.isEmpty()) {
            return Optional.of(EntityTag.strong("\"rev:" + policy.revision() + "\""));
        }
        return policy.json().getValue(path).flatMap(EntityTag::fromEntity);
    }

    /** The object whose hash code Ditto's strategy for this resource puts in the tag (e.g. {@code Attributes}). */
    private static Object modelObject(final JsonPointer path, final JsonValue value) {
        final String root = path.getRoot().map(Object::toString).orElse("");
        final int levels = path.getLevelCount();
        if ("attributes".equals(root) && levels == 1 && value.isObject()) {
            return ThingsModelFactory.newAttributes(value.asObject());
        }
        if ("definition".equals(root) && levels == 1 && value.isString()) {
            return ThingsModelFactory.newDefinition(value.asString());
        }
        if ("policyId".equals(root) && levels == 1 && value.isString()) {
            return PolicyId.of(value.asString());
        }
        if ("features".equals(root)) {
            return featureObject(path, value);
        }
        return value;
    }

    private static Object featureObject(final JsonPointer path, final JsonValue value) {
        final int levels = path.getLevelCount();
        if (levels == 1 && value.isObject()) {
            return ThingsModelFactory.newFeatures(value.asObject());
        }
        final String featureId = path.get(1).map(Object::toString).orElse("");
        if (levels == 2 && value.isObject()) {
            return ThingsModelFactory.newFeatureBuilder(value.asObject()).useId(featureId).build();
        }
        final String part = path.get(2).map(Object::toString).orElse("");
        if (levels == 3 && "definition".equals(part) && value.isArray()) {
            return ThingsModelFactory.newFeatureDefinition(value.asArray());
        }
        if (levels == 3 && ("properties".equals(part) || "desiredProperties".equals(part)) && value.isObject()) {
            return ThingsModelFactory.newFeatureProperties(value.asObject());
        }
        return value;
    }

    /**
     * Whether the command would leave the resource as it is ({@code IfEqualPreconditionHeader.meetsConditionFor}):
     * for a modify, the stored value equals the new one (on the thing, without {@code thingId} and {@code _} fields);
     * for a merge, merging the new value into the stored one changes nothing.
     */
    private static boolean unchanged(final EntityRequest request, final JsonObject storedModel) {
        // the stored JSON holds the model's own JsonObject types (Attributes, Features, ...), which never equal a
        // plain JsonObject; compare plain JSON, as Ditto compares the entity's toJson()
        final JsonObject stored = JsonFactory.newObject(storedModel.toString());
        if (request.value().isEmpty()
                || (request.action() != TwinAction.MODIFY && request.action() != TwinAction.MERGE)) {
            return false;
        }
        final JsonPointer path = request.path();
        final JsonObject previousRoot = path.isEmpty() ? stored.remove("thingId") : stored;
        final Optional<JsonValue> previous = path.isEmpty() ? Optional.of(previousRoot) : stored.getValue(path);
        JsonValue next = request.value().get();
        if (path.isEmpty() && next.isObject()) {
            next = next.asObject().stream()
                    .filter(f -> !f.getKeyName().equals("thingId") && !f.getKeyName().startsWith("_"))
                    .collect(JsonFactory::newObjectBuilder, (b, f) -> b.set(f), (a, b) -> a.setAll(b.build()))
                    .build();
        }
        if (previous.isEmpty()) {
            return false;
        }
        if (request.action() == TwinAction.MERGE && next.isObject()) {
            final JsonValue before = previous.get();
            return before.isObject()
                    && sorted(JsonFactory.mergeJsonValues(next, before).asObject()).equals(sorted(before.asObject()));
        }
        return previous.get().equals(next);
    }

    /** Ditto compares the top-level fields sorted by key, since JSON objects are ordered. */
    private static JsonObject sorted(final JsonObject object) {
        return object.stream().sorted(java.util.Comparator.comparing(f -> f.getKey().toString()))
                .collect(JsonFactory::newObjectBuilder, (b, f) -> b.set(f), (a, b) -> a.setAll(b.build())).build();
    }

    /**
     * The {@code if-equal} option; Ditto 3.9's {@code DittoHeaderDefinition.IF_EQUAL} accepts {@code update},
     * {@code skip} and {@code skip-minimizing-merge} and refuses others with 400 {@code headers.invalid}.
     */
    public static Optional<String> ifEqualOf(final DittoHeaders headers) {
        final Optional<String> option = Optional.ofNullable(headers.get(IF_EQUAL));
        option.filter(o -> !o.equals("update") && !o.equals("skip") && !o.equals("skip-minimizing-merge"))
                .ifPresent(o -> {
                    throw DittoHeaderInvalidException.newInvalidTypeBuilder(IF_EQUAL, o, "if-equal")
                            .dittoHeaders(headers).build();
                });
        return option;
    }

    private static ThingPreconditionFailedException failed(final String header, final String expected,
            final String actual, final DittoHeaders headers, final Optional<EntityTag> current) {
        final DittoHeaders withETag = current.<DittoHeaders>map(tag -> headers.toBuilder().eTag(tag).build())
                .orElse(headers);
        return ThingPreconditionFailedException.newBuilder(header, expected, actual).dittoHeaders(withETag).build();
    }
}
