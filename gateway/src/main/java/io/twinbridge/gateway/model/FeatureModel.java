package io.twinbridge.gateway.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Thing Model of one Ditto feature: a {@code tm:submodel} of a thing-level model.
 *
 * @param featureId  Ditto feature id, the {@code instanceName} of the submodel link
 * @param title      human-readable title
 * @param path       stable HTTP path at which the gateway serves this model, e.g.
 *                   {@code /models/turbine/turbine-rotor-1.0.0.tm.jsonld}
 * @param properties the properties in declaration order
 */
public record FeatureModel(String featureId, String title, String path, Map<String, PropertySpec> properties) {

    /** Per-feature property that carries the source timestamp of the sample that last wrote the feature. */
    public static final String SOURCE_TS = "sourceTs";

    public FeatureModel {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(path, "path");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public Optional<PropertySpec> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    public List<PropertySpec> writableProperties() {
        return properties.values().stream().filter(PropertySpec::writable).toList();
    }
}
