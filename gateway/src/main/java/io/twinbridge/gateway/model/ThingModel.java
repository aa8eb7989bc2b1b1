package io.twinbridge.gateway.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A thing-level WoT Thing Model of one asset kind, with its features resolved from the {@code tm:submodel} links.
 *
 * @param kind     asset kind, e.g. {@code turbine}
 * @param version  {@code version.model}, e.g. {@code 1.0.0}
 * @param title    human-readable title
 * @param path     stable HTTP path at which the gateway serves it, e.g. {@code /models/turbine/turbine-1.0.0.tm.jsonld};
 *                 prefixed with the public base URL it is a Thing's {@code definition}
 * @param features features by Ditto feature id, in link order
 */
public record ThingModel(String kind, String version, String title, String path, Map<String, FeatureModel> features) {

    public ThingModel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(path, "path");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    public List<String> featureIds() {
        return List.copyOf(features.keySet());
    }

    public Optional<FeatureModel> feature(String featureId) {
        return Optional.ofNullable(features.get(featureId));
    }
}
