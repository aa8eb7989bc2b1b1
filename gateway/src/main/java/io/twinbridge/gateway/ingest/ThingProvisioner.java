package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.ditto.PreRenderedJsonObject;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.model.ThingModel;
import java.util.Optional;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;

/**
 * Builds the Thing a device gets when it is seen for the first time: its Thing Model as {@code definition}, tenant
 * and model as attributes, the model's features holding the properties of the update that found the thing missing,
 * and the tenant's policy.
 * <p>
 * The update's values go into the create itself, so that a new twin costs two commands (the merge answered 404, then
 * the create) instead of three (a create of empty features, then the merge again). Ditto 3.9.6 keeps what the create
 * carries: {@code CreateThingStrategy} merges the thing given over the skeleton it generates from the Thing Model
 * ({@code JsonFactory.mergeJsonValues(newThing, skeleton)}), so the model's defaults only fill what the update lacks.
 */
public final class ThingProvisioner {
    private final String modelBaseUrl;

    /** @param modelBaseUrl where the gateway serves the Thing Models, e.g. {@code http://127.0.0.1:8088} */
    public ThingProvisioner(String modelBaseUrl) {
        this.modelBaseUrl = modelBaseUrl.endsWith("/") ? modelBaseUrl.substring(0, modelBaseUrl.length() - 1)
                : modelBaseUrl;
    }

    /**
     * The new thing, rendered as text in one pass ({@link TwinPatch#createFeaturesText}) and handed on as a
     * {@link PreRenderedJsonObject}: the ditto-json tree below (objects per level, a merge, a copy without nulls, and
     * its rendering) was half of ingest's pipeline thread while a cold start created twins, in a JFR profile of
     * {@code bench ingest}. The text equals the tree as JSON (ThingProvisionerTextTest); keys the text path does not
     * write as ditto-json would go through the tree.
     */
    public JsonObject newThing(String thingId, TwinUpdate update) {
        ThingModel model = update.model();
        Optional<String> features = update.patch().createFeaturesText(model.featureIds());
        if (features.isEmpty()) {
            return newThingTree(thingId, update);
        }
        StringBuilder thing = new StringBuilder(256 + features.get().length());
        thing.append("{\"thingId\":").append(quoted(thingId))
                .append(",\"definition\":").append(quoted(modelBaseUrl + model.path()))
                .append(",\"attributes\":{\"tenant\":").append(quoted(update.tenant().id().value()))
                .append(",\"model\":").append(quoted(model.kind()))
                .append(",\"modelVersion\":").append(quoted(model.version()))
                .append("},\"features\":").append(features.get());
        update.tenant().policyId().ifPresent(policyId -> thing.append(",\"policyId\":").append(quoted(policyId)));
        return PreRenderedJsonObject.of(thing.append('}').toString());
    }

    private static String quoted(String text) {
        return JsonValue.of(text).toString();
    }

    /** The same thing built as a ditto-json tree. */
    JsonObject newThingTree(String thingId, TwinUpdate update) {
        ThingModel model = update.model();
        JsonObjectBuilder features = JsonFactory.newObjectBuilder();
        for (String featureId : model.featureIds()) {
            features.set(featureId, JsonFactory.newObjectBuilder()
                    .set("properties", JsonFactory.newObject())
                    .build());
        }
        // what the merge patch would have left on the empty features: the patch without its nulls (RFC 7386: a null
        // member of a merge patch removes, it is never stored)
        JsonObject updated = withoutNulls(update.patch().toMergePatch().getValue("features").filter(JsonValue::isObject)
                .map(JsonValue::asObject).orElse(JsonFactory.newObject()));
        JsonObjectBuilder thing = JsonFactory.newObjectBuilder()
                .set("thingId", thingId)
                .set("definition", modelBaseUrl + model.path())
                .set("attributes", JsonFactory.newObjectBuilder()
                        .set("tenant", update.tenant().id().value())
                        .set("model", model.kind())
                        .set("modelVersion", model.version())
                        .build())
                .set("features", JsonFactory.mergeJsonValues(updated, features.build()));
        update.tenant().policyId().ifPresent(policyId -> thing.set("policyId", policyId));
        return thing.build();
    }

    private static JsonObject withoutNulls(JsonObject object) {
        JsonObjectBuilder kept = JsonFactory.newObjectBuilder();
        object.forEach(field -> {
            JsonValue value = field.getValue();
            if (!value.isNull()) {
                kept.set(field.getKey(), value.isObject() ? withoutNulls(value.asObject()) : value);
            }
        });
        return kept.build();
    }
}
