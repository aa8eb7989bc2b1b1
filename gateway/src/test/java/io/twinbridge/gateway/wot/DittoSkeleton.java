package io.twinbridge.gateway.wot;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;

/**
 * The thing skeleton Ditto 3.x generates when a thing is created with a Thing Model URL as {@code definition}: a
 * re-implementation of {@code DefaultWotThingSkeletonGenerator} (eclipse-ditto/ditto, wot/api/.../generator) for
 * what our models use.
 * <ul>
 *   <li>thing-level TM {@code properties} become attributes, each {@code tm:submodel} link a feature named by its
 *       {@code instanceName}, with {@code definition} = [the link's href];</li>
 *   <li>a property gets a value unless it is listed in {@code tm:optional} (with
 *       {@code generate-defaults-for-optional-properties=false}); {@code tm:required} is not read at all;</li>
 *   <li>the value is {@code const}, else {@code default}, else a neutral element: {@code false}; {@code 0} / {@code 0.0}
 *       moved into [minimum, maximum]; {@code ""} (enum ignored); for an object its required fields or {@code {}};
 *       for an array {@code minItems} (default 1!) neutral items, where items' own defaults are ignored;</li>
 *   <li>a link href is opened with {@code new URL(href)}, so a relative one fails the creation.</li>
 * </ul>
 */
public final class DittoSkeleton {
    private final Function<URL, JsonObject> fetch;

    /** @param fetch downloads a Thing Model (Ditto does an HTTP GET) */
    public DittoSkeleton(Function<URL, JsonObject> fetch) {
        this.fetch = fetch;
    }

    public JsonObject thing(String definition) {
        JsonObject tm = fetch.apply(url(definition));
        JsonObjectBuilder thing = JsonFactory.newObjectBuilder();
        tm.getValue("properties").filter(JsonValue::isObject)
                .ifPresent(p -> thing.set("attributes", values(p.asObject(), optional(tm))));
        JsonObjectBuilder features = JsonFactory.newObjectBuilder();
        boolean any = false;
        for (JsonValue link : tm.getValue("links").filter(JsonValue::isArray).map(JsonValue::asArray)
                .orElse(JsonArray.empty())) {
            JsonObject l = link.asObject();
            if (!"tm:submodel".equals(l.getValue("rel").map(JsonValue::asString).orElse(""))) {
                continue;
            }
            String href = l.getValue("href").orElseThrow().asString();
            String instanceName = l.getValue("instanceName")
                    .orElseThrow(() -> new IllegalArgumentException("tm:submodel link without instanceName"))
                    .asString();
            features.set(instanceName, feature(href));
            any = true;
        }
        if (any) {
            thing.set("features", features.build());
        }
        return thing.build();
    }

    public JsonObject feature(String definition) {
        JsonObject tm = fetch.apply(url(definition));
        JsonObjectBuilder feature = JsonFactory.newObjectBuilder()
                .set("definition", JsonFactory.newArrayBuilder().add(definition).build());
        tm.getValue("properties").filter(JsonValue::isObject)
                .ifPresent(p -> feature.set("properties", values(p.asObject(), optional(tm))));
        return feature.build();
    }

    /** Like Ditto's {@code DefaultWotThingModelResolver}: {@code new URL(iri)}, which refuses relative references. */
    static URL url(String iri) {
        try {
            return new URL(iri);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("ThingDefinitionInvalidException: not a URL: " + iri, e);
        }
    }

    static Set<String> optional(JsonObject tm) {
        Set<String> names = new HashSet<>();
        tm.getValue("tm:optional").filter(JsonValue::isArray).ifPresent(a -> a.asArray().forEach(v -> {
            String p = v.asString();
            if (p.startsWith("/properties/")) {
                names.add(p.substring("/properties/".length()));
            }
        }));
        return names;
    }

    private static JsonObject values(JsonObject properties, Set<String> optional) {
        JsonObjectBuilder out = JsonFactory.newObjectBuilder();
        properties.forEach(field -> {
            if (!optional.contains(field.getKeyName())) {
                initial(field.getValue().asObject()).ifPresent(v -> out.set(field.getKeyName(), v));
            }
        });
        return out.build();
    }

    private static Optional<JsonValue> initial(JsonObject schema) {
        if (schema.contains("const")) {
            return schema.getValue("const");
        }
        if (schema.contains("default")) {
            return schema.getValue("default");
        }
        String type = schema.getValue("type").map(JsonValue::asString).orElse("");
        if ("object".equals(type)) {
            JsonArray required = schema.getValue("required").map(JsonValue::asArray).orElse(JsonArray.empty());
            JsonObjectBuilder obj = JsonFactory.newObjectBuilder();
            JsonObject props = schema.getValue("properties").map(JsonValue::asObject).orElse(JsonObject.empty());
            props.forEach(f -> {
                if (required.contains(JsonValue.of(f.getKeyName()))) {
                    obj.set(f.getKeyName(), initial(f.getValue().asObject()).orElse(JsonFactory.nullLiteral()));
                }
            });
            return Optional.of(obj.build());
        }
        if ("array".equals(type)) {
            JsonArrayBuilder array = JsonFactory.newArrayBuilder();
            schema.getValue("items").filter(JsonValue::isObject).flatMap(items -> neutral(items.asObject()))
                    .ifPresent(n -> {
                        int count = schema.getValue("minItems").map(JsonValue::asInt).orElse(1);
                        for (int i = 0; i < count; i++) {
                            array.add(n);
                        }
                    });
            return Optional.of(array.build());
        }
        return neutral(schema);
    }

    private static Optional<JsonValue> neutral(JsonObject schema) {
        String type = schema.getValue("type").map(JsonValue::asString).orElse("");
        return switch (type) {
            case "boolean" -> Optional.of(JsonValue.of(false));
            case "integer" -> Optional.of(JsonValue.of((int) clamp(schema)));
            case "number" -> Optional.of(JsonValue.of(clamp(schema)));
            case "string" -> Optional.of(JsonValue.of(""));
            case "object" -> Optional.of(JsonObject.empty());
            case "array" -> Optional.of(JsonArray.empty());
            case "null" -> Optional.of(JsonFactory.nullLiteral());
            default -> Optional.empty();
        };
    }

    private static double clamp(JsonObject schema) {
        double result = 0;
        Optional<Double> min = schema.getValue("minimum").map(JsonValue::asDouble);
        Optional<Double> max = schema.getValue("maximum").map(JsonValue::asDouble);
        if (min.isPresent() && min.get() > result) {
            result = min.get();
        }
        if (max.isPresent() && max.get() < result) {
            result = max.get();
        }
        return result;
    }
}
