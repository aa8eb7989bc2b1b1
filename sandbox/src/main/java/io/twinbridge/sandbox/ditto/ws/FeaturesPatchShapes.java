package io.twinbridge.sandbox.ditto.ws;

import io.twinbridge.sandbox.ditto.memo.BoundedMemo;
import java.util.Optional;

import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;
import org.eclipse.ditto.things.model.signals.commands.ThingCommandSizeValidator;

/**
 * Spares Ditto's protocol adapter the part of its work on a twin merge at {@code /features} that only repeats an
 * earlier verdict. For that command ({@code ThingMergeCommandMappingStrategies.mergeThingWithFeatures}) the adapter
 * checks the value with {@code ThingsModelFactory.newFeatures} and renders it again ({@code MergeThing.withFeatures},
 * {@code features.toJson()}): most of the adapter's cost per merge. What {@code newFeatures} accepts depends only on
 * the value's shape: the feature ids, each feature's keys and {@code definition}, and the keys and JSON types inside
 * {@code properties} and {@code desiredProperties} ({@code JsonKeyValidator.validateJsonKeys}), never on the
 * properties' scalar values. And {@code MergeThing.checkJsonSize} looks at the value's size only when a maximum thing
 * size is set ({@code ThingCommandSizeValidator}), which the sandbox never does.
 * <p>
 * So once the adapter has accepted a message with a given {@link #shape(JsonObject) shape}, a later message of the
 * same shape goes to the adapter with the empty features {@code {}} in place of its value: the adapter still checks
 * everything else (topic, thing id, content type, headers) exactly as before and gives the same signal type and
 * headers, which is all {@link WsCommandHeaders} reads from it. A value whose shape the adapter never accepted goes to
 * the adapter whole, so every refusal is still Ditto's own.
 */
final class FeaturesPatchShapes {

    /** Bounds the memory of odd clients; past it, the known shapes are forgotten and learnt again. */
    private static final int LIMIT = 4096;
    private static final String FEATURES = "/features";
    private static final BoundedMemo<String, Boolean> ACCEPTED = new BoundedMemo<>(LIMIT);

    private FeaturesPatchShapes() {
    }

    /** The shape of the value of a twin merge at {@code /features}, if {@code adaptable} is one; else empty. */
    static Optional<String> shapeOf(final Adaptable adaptable) {
        final TopicPath topic = adaptable.getTopicPath();
        if (topic.getGroup() != TopicPath.Group.THINGS || topic.getChannel() != TopicPath.Channel.TWIN
                || topic.getCriterion() != TopicPath.Criterion.COMMANDS
                || topic.getAction().filter(a -> a == TopicPath.Action.MERGE).isEmpty()
                // the payload's path is a MessagePath, never equal to a plain JsonPointer
                || !FEATURES.equals(adaptable.getPayload().getPath().toString())
                || ThingCommandSizeValidator.getInstance().getMaxSize().isPresent()) {
            return Optional.empty();
        }
        return adaptable.getPayload().getValue().filter(JsonValue::isObject).map(JsonValue::asObject)
                .filter(value -> !value.isNull()).map(FeaturesPatchShapes::shape);
    }

    /** What to give the adapter: {@code adaptable} itself, or with {@code {}} as value if its shape was accepted. */
    static Adaptable forAdapter(final Adaptable adaptable, final Optional<String> shape) {
        if (shape.isEmpty() || ACCEPTED.known(shape.get()) == null) {
            return adaptable;
        }
        return ProtocolFactory.newAdaptableBuilder(adaptable)
                .withPayload(ProtocolFactory.toPayloadBuilder(adaptable.getPayload()).withValue(JsonObject.empty())
                        .build())
                .build();
    }

    /** The adapter accepted a message of this shape (with its whole value). */
    static void accepted(final Optional<String> shape) {
        shape.ifPresent(s -> ACCEPTED.remember(s, Boolean.TRUE));
    }

    /**
     * The features object with every scalar inside {@code properties} and {@code desiredProperties} replaced by its
     * JSON type; everything else (ids, keys, definitions, any other part) as it is. Keys are written with their
     * length, so that no two different values of different shape share a text.
     */
    static String shape(final JsonObject features) {
        final StringBuilder out = new StringBuilder(256);
        out.append('{');
        for (final JsonField feature : features) {
            key(out, feature.getKeyName());
            final JsonValue value = feature.getValue();
            if (value.isObject() && !value.isNull()) {
                out.append('{');
                for (final JsonField part : value.asObject()) {
                    final String name = part.getKeyName();
                    key(out, name);
                    if ("properties".equals(name) || "desiredProperties".equals(name)) {
                        types(out, part.getValue());
                    } else {
                        out.append(part.getValue()).append(',');
                    }
                }
                out.append('}');
            } else {
                out.append(value).append(',');
            }
        }
        return out.append('}').toString();
    }

    private static void key(final StringBuilder out, final String key) {
        out.append(key.length()).append(':').append(key);
    }

    private static void types(final StringBuilder out, final JsonValue value) {
        if (value.isNull()) {
            out.append('z');
        } else if (value.isObject()) {
            out.append('{');
            for (final JsonField field : value.asObject()) {
                key(out, field.getKeyName());
                types(out, field.getValue());
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (final JsonValue element : value.asArray()) {
                types(out, element);
            }
            out.append(']');
        } else if (value.isString()) {
            out.append('s');
        } else if (value.isBoolean()) {
            out.append('b');
        } else {
            out.append('n');
        }
    }
}
