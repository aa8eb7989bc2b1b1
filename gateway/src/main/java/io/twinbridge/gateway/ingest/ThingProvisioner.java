package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.model.ThingModel;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;

/**
 * Builds the Thing a device gets when it is seen for the first time: its Thing Model as {@code definition}, tenant
 * and model as attributes, the model's features (empty, filled by the first update) and the tenant's policy.
 */
public final class ThingProvisioner {
    private final String modelBaseUrl;

    /** @param modelBaseUrl where the gateway serves the Thing Models, e.g. {@code http://127.0.0.1:8088} */
    public ThingProvisioner(String modelBaseUrl) {
        this.modelBaseUrl = modelBaseUrl.endsWith("/") ? modelBaseUrl.substring(0, modelBaseUrl.length() - 1)
                : modelBaseUrl;
    }

    public JsonObject newThing(String thingId, TwinUpdate update) {
        ThingModel model = update.model();
        JsonObjectBuilder features = JsonFactory.newObjectBuilder();
        for (String featureId : model.featureIds()) {
            features.set(featureId, JsonFactory.newObjectBuilder()
                    .set("properties", JsonFactory.newObject())
                    .build());
        }
        JsonObjectBuilder thing = JsonFactory.newObjectBuilder()
                .set("thingId", thingId)
                .set("definition", modelBaseUrl + model.path())
                .set("attributes", JsonFactory.newObjectBuilder()
                        .set("tenant", update.tenant().id().value())
                        .set("model", model.kind())
                        .set("modelVersion", model.version())
                        .build())
                .set("features", features.build());
        update.tenant().policyId().ifPresent(policyId -> thing.set("policyId", policyId));
        return thing.build();
    }
}
