package io.twinbridge.gateway.wot;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * Ditto 3.x's Thing Model validation of a whole thing, as its things service runs it on the thing that a create
 * (command merged with the skeleton) or a merge (existing thing + RFC 7386 patch) would persist: a
 * re-implementation of {@code DefaultWotThingModelValidator.validateThing} and the {@code Internal*Validation}
 * classes (eclipse-ditto/ditto, wot/validation) for what our models use.
 * <ul>
 *   <li>attributes are checked only when the thing-level TM declares {@code properties};</li>
 *   <li>every {@code tm:submodel} must be present as a feature, and no other feature may exist;</li>
 *   <li>per modeled feature: every property not listed in {@code tm:optional} must be present in
 *       {@code properties} (not in {@code desiredProperties}); with forbid-non-modeled-properties no other key may
 *       be; every present (desired) property must pass its JSON schema (draft 7: type, enum, const, minimum,
 *       maximum, minItems, maxItems, items); {@code readOnly} and {@code unit} are not enforced.</li>
 * </ul>
 * Stricter in one point: an {@code integer} must be written as an integral JSON number.
 */
public final class DittoTmValidation {
    /** The validation settings docker-compose.yml gives Ditto's things service (THINGS_WOT_*; ComposeStackTest). */
    public record Settings(boolean forbidNonModeledAttributes, boolean forbidNonModeledProperties,
                           boolean forbidNonModeledDesiredProperties) {
        public static final Settings COMPOSE = new Settings(true, true, true);
    }

    private final Function<URL, JsonObject> fetch;
    private final Settings settings;

    public DittoTmValidation(Function<URL, JsonObject> fetch, Settings settings) {
        this.fetch = fetch;
        this.settings = settings;
    }

    /** Every violation Ditto would report for this thing (it reports the first failing stage); empty = accepted. */
    public List<String> violations(JsonObject thing) {
        List<String> out = new ArrayList<>();
        Optional<String> definition = thing.getValue("definition").map(JsonValue::asString);
        if (definition.isEmpty()) {
            return out;
        }
        JsonObject tm = fetch.apply(DittoSkeleton.url(definition.get()));
        Optional<JsonObject> tmProperties = tm.getValue("properties").filter(JsonValue::isObject).map(JsonValue::asObject);
        Optional<JsonObject> attributes = thing.getValue("attributes").map(JsonValue::asObject);
        if (tmProperties.isPresent() && attributes.isPresent()) {
            container("/attributes", tm, tmProperties.get(), attributes.get(), true,
                    settings.forbidNonModeledAttributes(), out);
        }
        JsonObject features = thing.getValue("features").map(JsonValue::asObject).orElse(JsonObject.empty());
        Set<String> modeled = new LinkedHashSet<>();
        for (JsonValue link : tm.getValue("links").map(JsonValue::asArray).orElse(JsonArray.empty())) {
            JsonObject l = link.asObject();
            if (!"tm:submodel".equals(l.getValue("rel").map(JsonValue::asString).orElse(""))) {
                continue;
            }
            String id = l.getValue("instanceName").orElseThrow().asString();
            modeled.add(id);
            Optional<JsonObject> feature = features.getValue(id).map(JsonValue::asObject);
            if (feature.isEmpty()) {
                out.add("/features: modeled feature <" + id + "> is missing");
                continue;
            }
            JsonObject submodel = fetch.apply(DittoSkeleton.url(l.getValue("href").orElseThrow().asString()));
            JsonObject props = submodel.getValue("properties").map(JsonValue::asObject).orElse(JsonObject.empty());
            String base = "/features/" + id;
            container(base + "/properties", submodel, props,
                    feature.get().getValue("properties").map(JsonValue::asObject).orElse(JsonObject.empty()),
                    true, settings.forbidNonModeledProperties(), out);
            container(base + "/desiredProperties", submodel, props,
                    feature.get().getValue("desiredProperties").map(JsonValue::asObject).orElse(JsonObject.empty()),
                    false, settings.forbidNonModeledDesiredProperties(), out);
        }
        features.getKeys().forEach(k -> {
            if (!modeled.contains(k.toString())) {
                out.add("/features: feature <" + k + "> is not defined in the model");
            }
        });
        return out;
    }

    private static void container(String where, JsonObject tm, JsonObject schemas, JsonObject values,
                                  boolean checkRequired, boolean forbidOthers, List<String> out) {
        Set<String> optional = DittoSkeleton.optional(tm);
        if (checkRequired) {
            schemas.getKeys().forEach(k -> {
                if (!optional.contains(k.toString()) && !values.contains(k)) {
                    out.add(where + "/" + k + ": is non optional and must be provided");
                }
            });
        }
        values.forEach(field -> {
            Optional<JsonValue> schema = schemas.getValue(field.getKey());
            if (schema.isEmpty()) {
                if (forbidOthers) {
                    out.add(where + "/" + field.getKey() + ": not defined in the model");
                }
            } else {
                JsonSchemaCheck.check(schema.get().asObject(), field.getValue(), where + "/" + field.getKey(), out);
            }
        });
    }
}
