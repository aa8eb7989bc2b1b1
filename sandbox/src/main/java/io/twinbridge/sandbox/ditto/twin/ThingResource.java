package io.twinbridge.sandbox.ditto.twin;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.signals.commands.exceptions.PathUnknownException;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.exceptions.AttributeNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.AttributeNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.AttributesNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.AttributesNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDefinitionNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDefinitionNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertiesNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertiesNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertyNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertyNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturePropertiesNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturePropertiesNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturePropertyNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturePropertyNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturesNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturesNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.PolicyIdNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.PolicyIdNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingDefinitionNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingDefinitionNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotModifiableException;

/**
 * Which part of a thing a path addresses, so that errors name it exactly as Ditto's resource-specific exceptions do.
 */
public final class ThingResource {

    /** The kinds of thing resources that the twin commands address. */
    public enum Kind {
        THING, ATTRIBUTES, ATTRIBUTE, DEFINITION, POLICY_ID, FEATURES, FEATURE, FEATURE_DEFINITION,
        FEATURE_PROPERTIES, FEATURE_PROPERTY, FEATURE_DESIRED_PROPERTIES, FEATURE_DESIRED_PROPERTY
    }

    private final Kind kind;
    private final JsonPointer path;
    private final String featureId;
    private final JsonPointer subPath;

    private ThingResource(final Kind kind, final JsonPointer path, final String featureId, final JsonPointer subPath) {
        this.kind = kind;
        this.path = path;
        this.featureId = featureId;
        this.subPath = subPath;
    }

    /**
     * @throws PathUnknownException for a path outside the thing resources, as Ditto's protocol adapter does.
     */
    public static ThingResource of(final JsonPointer path, final DittoHeaders headers) {
        final int levels = path.getLevelCount();
        if (levels == 0) {
            return new ThingResource(Kind.THING, path, "", JsonPointer.empty());
        }
        final String root = path.get(0).orElseThrow().toString();
        final JsonPointer rest = path.nextLevel();
        switch (root) {
            case "attributes":
                return new ThingResource(levels == 1 ? Kind.ATTRIBUTES : Kind.ATTRIBUTE, path, "", rest);
            case "definition":
                return exactly(levels, 1, Kind.DEFINITION, path, headers);
            case "policyId":
                return exactly(levels, 1, Kind.POLICY_ID, path, headers);
            case "features":
                return feature(path, headers);
            default:
                throw unknown(path, headers);
        }
    }

    private static ThingResource feature(final JsonPointer path, final DittoHeaders headers) {
        final int levels = path.getLevelCount();
        if (levels == 1) {
            return new ThingResource(Kind.FEATURES, path, "", JsonPointer.empty());
        }
        final String featureId = path.get(1).orElseThrow().toString();
        if (levels == 2) {
            return new ThingResource(Kind.FEATURE, path, featureId, JsonPointer.empty());
        }
        final String part = path.get(2).orElseThrow().toString();
        final JsonPointer rest = path.getSubPointer(3).orElse(JsonPointer.empty());
        final boolean leaf = levels > 3;
        switch (part) {
            case "definition":
                if (leaf) {
                    throw unknown(path, headers);
                }
                return new ThingResource(Kind.FEATURE_DEFINITION, path, featureId, rest);
            case "properties":
                return new ThingResource(leaf ? Kind.FEATURE_PROPERTY : Kind.FEATURE_PROPERTIES, path, featureId,
                        rest);
            case "desiredProperties":
                return new ThingResource(leaf ? Kind.FEATURE_DESIRED_PROPERTY : Kind.FEATURE_DESIRED_PROPERTIES,
                        path, featureId, rest);
            default:
                throw unknown(path, headers);
        }
    }

    private static ThingResource exactly(final int levels, final int expected, final Kind kind,
            final JsonPointer path, final DittoHeaders headers) {
        if (levels != expected) {
            throw unknown(path, headers);
        }
        return new ThingResource(kind, path, "", JsonPointer.empty());
    }

    private static PathUnknownException unknown(final JsonPointer path, final DittoHeaders headers) {
        return PathUnknownException.newBuilder(path).dittoHeaders(headers).build();
    }

    public Kind kind() {
        return kind;
    }

    public JsonPointer path() {
        return path;
    }

    /** The feature that must exist before this resource can be written, if any. */
    public boolean needsExistingFeature() {
        return path.getLevelCount() > 2 && !featureId.isEmpty();
    }

    public JsonPointer featurePath() {
        return JsonPointer.of("/features/" + featureId);
    }

    /** Ditto's 404 for this resource. */
    public DittoRuntimeException notAccessible(final ThingId thingId, final DittoHeaders headers) {
        switch (kind) {
            case ATTRIBUTES:
                return AttributesNotAccessibleException.newBuilder(thingId).dittoHeaders(headers).build();
            case ATTRIBUTE:
                return AttributeNotAccessibleException.newBuilder(thingId, subPath).dittoHeaders(headers).build();
            case DEFINITION:
                return ThingDefinitionNotAccessibleException.newBuilder(thingId).dittoHeaders(headers).build();
            case POLICY_ID:
                return PolicyIdNotAccessibleException.newBuilder(thingId).dittoHeaders(headers).build();
            case FEATURES:
                return FeaturesNotAccessibleException.newBuilder(thingId).dittoHeaders(headers).build();
            case FEATURE:
                return featureNotAccessible(thingId, headers);
            case FEATURE_DEFINITION:
                return FeatureDefinitionNotAccessibleException.newBuilder(thingId, featureId).dittoHeaders(headers)
                        .build();
            case FEATURE_PROPERTIES:
                return FeaturePropertiesNotAccessibleException.newBuilder(thingId, featureId).dittoHeaders(headers)
                        .build();
            case FEATURE_PROPERTY:
                return FeaturePropertyNotAccessibleException.newBuilder(thingId, featureId, subPath)
                        .dittoHeaders(headers).build();
            case FEATURE_DESIRED_PROPERTIES:
                return FeatureDesiredPropertiesNotAccessibleException.newBuilder(thingId, featureId)
                        .dittoHeaders(headers).build();
            case FEATURE_DESIRED_PROPERTY:
                return FeatureDesiredPropertyNotAccessibleException.newBuilder(thingId, featureId, subPath)
                        .dittoHeaders(headers).build();
            default:
                return ThingNotAccessibleException.newBuilder(thingId).dittoHeaders(headers).build();
        }
    }

    public DittoRuntimeException featureNotAccessible(final ThingId thingId, final DittoHeaders headers) {
        return FeatureNotAccessibleException.newBuilder(thingId, featureId).dittoHeaders(headers).build();
    }

    /** Ditto's 403 for a modify or delete command on this resource without WRITE. */
    public DittoRuntimeException notModifiable(final ThingId thingId, final DittoHeaders headers) {
        switch (kind) {
            case ATTRIBUTES:
                return AttributesNotModifiableException.newBuilder(thingId).dittoHeaders(headers).build();
            case ATTRIBUTE:
                return AttributeNotModifiableException.newBuilder(thingId, subPath).dittoHeaders(headers).build();
            case DEFINITION:
                return ThingDefinitionNotModifiableException.newBuilder(thingId).dittoHeaders(headers).build();
            case POLICY_ID:
                return PolicyIdNotModifiableException.newBuilder(thingId).dittoHeaders(headers).build();
            case FEATURES:
                return FeaturesNotModifiableException.newBuilder(thingId).dittoHeaders(headers).build();
            case FEATURE:
                return FeatureNotModifiableException.newBuilder(thingId, featureId).dittoHeaders(headers).build();
            case FEATURE_DEFINITION:
                return FeatureDefinitionNotModifiableException.newBuilder(thingId, featureId).dittoHeaders(headers)
                        .build();
            case FEATURE_PROPERTIES:
                return FeaturePropertiesNotModifiableException.newBuilder(thingId, featureId).dittoHeaders(headers)
                        .build();
            case FEATURE_PROPERTY:
                return FeaturePropertyNotModifiableException.newBuilder(thingId, featureId, subPath)
                        .dittoHeaders(headers).build();
            case FEATURE_DESIRED_PROPERTIES:
                return FeatureDesiredPropertiesNotModifiableException.newBuilder(thingId, featureId)
                        .dittoHeaders(headers).build();
            case FEATURE_DESIRED_PROPERTY:
                return FeatureDesiredPropertyNotModifiableException.newBuilder(thingId, featureId, subPath)
                        .dittoHeaders(headers).build();
            default:
                return ThingNotModifiableException.newBuilder(thingId).dittoHeaders(headers).build();
        }
    }
}
