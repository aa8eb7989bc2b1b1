package io.twinbridge.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a thing-level Thing Model and its {@code tm:submodel} feature models from a models root. Collects problems
 * instead of throwing, so one start reports every broken file at once.
 */
final class ThingModelParser {
    private static final String SUBMODEL = "tm:submodel";
    private static final String OPTIONAL = "tm:optional";
    private static final String OPTIONAL_PREFIX = "/properties/";

    private final ObjectMapper json;
    private final Path root;
    private final List<Problem> problems;
    private final Map<String, ModelDocument> documents;

    ThingModelParser(ObjectMapper json, Path root, List<Problem> problems, Map<String, ModelDocument> documents) {
        this.json = json;
        this.root = root;
        this.problems = problems;
        this.documents = documents;
    }

    /** Parses the thing-level model at {@code file}; empty when it is unusable (problems recorded). */
    Optional<ThingModel> parse(String kind, Path file) {
        String rel = ModelPaths.relative(root, file);
        Optional<JsonNode> doc = read(file, rel);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        JsonNode tm = doc.get();
        if (!header(tm, rel)) {
            return Optional.empty();
        }
        Map<String, FeatureModel> features = new LinkedHashMap<>();
        for (JsonNode link : tm.path("links")) {
            if (!SUBMODEL.equals(link.path("rel").asText())) {
                continue;
            }
            String feature = link.path("instanceName").asText("");
            String href = link.path("href").asText("");
            if (feature.isEmpty() || href.isEmpty()) {
                problems.add(Problem.ofFile(rel, "tm:submodel link without instanceName or href"));
                continue;
            }
            if (features.containsKey(feature)) {
                problems.add(new Problem(rel, Problem.NONE, feature, "feature '" + feature + "' is linked twice"));
                continue;
            }
            Path target = file.getParent().resolve(href).normalize();
            if (!target.startsWith(root) || !Files.isRegularFile(target)) {
                problems.add(new Problem(rel, Problem.NONE, feature, "submodel '" + href + "' not found"));
                continue;
            }
            parseFeature(feature, target).ifPresent(f -> features.put(feature, f));
        }
        if (features.isEmpty()) {
            problems.add(Problem.ofFile(rel, "thing model has no tm:submodel features"));
            return Optional.empty();
        }
        return Optional.of(new ThingModel(kind, tm.path("version").path("model").asText(), tm.path("title").asText(kind),
                ModelPaths.servedPath(rel), features));
    }

    private Optional<FeatureModel> parseFeature(String featureId, Path file) {
        String rel = ModelPaths.relative(root, file);
        Optional<JsonNode> doc = read(file, rel);
        if (doc.isEmpty() || !header(doc.get(), rel)) {
            return Optional.empty();
        }
        JsonNode tm = doc.get();
        if (tm.has("tm:required")) {
            // An early TD 1.1 draft term; Ditto reads only tm:optional and treats every property not listed there as
            // required, so a model relying on tm:required would mean something else to Ditto than to the gateway.
            problems.add(Problem.ofFile(rel, "'tm:required' is not WoT TD 1.1 and Ditto ignores it: list the optional "
                    + "properties in 'tm:optional' instead"));
        }
        Set<String> optional = new HashSet<>();
        for (JsonNode pointer : tm.path(OPTIONAL)) {
            String p = pointer.asText();
            if (p.startsWith(OPTIONAL_PREFIX)) {
                optional.add(p.substring(OPTIONAL_PREFIX.length()));
            }
        }
        Map<String, PropertySpec> properties = new LinkedHashMap<>();
        tm.path("properties").fields().forEachRemaining(e -> property(rel, featureId, e.getKey(), e.getValue(),
                !optional.contains(e.getKey())).ifPresent(p -> properties.put(e.getKey(), p)));
        for (String o : optional) {
            if (!tm.path("properties").has(o)) {
                problems.add(new Problem(rel, Problem.NONE, featureId + "/" + o, "tm:optional names an undeclared property"));
            }
        }
        for (PropertySpec p : properties.values()) {
            defaultProblem(p).ifPresent(m -> problems.add(new Problem(rel, Problem.NONE, featureId + "/" + p.name(), m)));
        }
        PropertySpec ts = properties.get(FeatureModel.SOURCE_TS);
        if (ts == null || ts.type() != JsonType.INTEGER) {
            problems.add(new Problem(rel, Problem.NONE, featureId + "/" + FeatureModel.SOURCE_TS,
                    "every feature model must declare the integer property '" + FeatureModel.SOURCE_TS + "'"));
        } else if (ts.required()) {
            // Absent sourceTs means "no sample yet" to the freshness condition; a required one would be created as 0
            problems.add(new Problem(rel, Problem.NONE, featureId + "/" + FeatureModel.SOURCE_TS,
                    "'" + FeatureModel.SOURCE_TS + "' must be listed in tm:optional"));
        }
        return Optional.of(new FeatureModel(featureId, tm.path("title").asText(featureId), ModelPaths.servedPath(rel),
                properties));
    }

    private Optional<PropertySpec> property(String rel, String feature, String name, JsonNode p, boolean required) {
        String target = feature + "/" + name;
        Optional<JsonType> type = JsonType.parse(p.path("type").asText(""));
        if (type.isEmpty()) {
            problems.add(new Problem(rel, Problem.NONE, target, "property has no valid 'type'"));
            return Optional.empty();
        }
        Optional<PropertySpec> items = Optional.empty();
        if (type.get() == JsonType.ARRAY) {
            if (!p.path("items").isObject()) {
                problems.add(new Problem(rel, Problem.NONE, target, "array property has no 'items' schema"));
                return Optional.empty();
            }
            items = property(rel, feature, name, p.path("items"), false);
            if (items.isEmpty()) {
                return Optional.empty();
            }
        }
        List<String> enumValues = new ArrayList<>();
        p.path("enum").forEach(v -> enumValues.add(v.asText()));
        return Optional.of(new PropertySpec(name, type.get(),
                p.hasNonNull("unit") ? Optional.of(p.get("unit").asText()) : Optional.empty(),
                number(p, "minimum"), number(p, "maximum"), enumValues,
                p.path("readOnly").asBoolean(false), required, items,
                p.has("minItems") ? OptionalInt.of(p.get("minItems").asInt()) : OptionalInt.empty(),
                p.has("maxItems") ? OptionalInt.of(p.get("maxItems").asInt()) : OptionalInt.empty(),
                Optional.ofNullable(p.get("default"))));
    }

    /**
     * Ditto creates every thing with each required property set to its {@code default} (else to a "neutral" value
     * such as {@code ""} that an enum rejects) and then validates it; so every required property needs a default,
     * and every default must pass the property's own constraints.
     */
    private static Optional<String> defaultProblem(PropertySpec p) {
        if (p.defaultValue().isEmpty()) {
            return p.required() ? Optional.of("required property has no 'default' (Ditto creates things with it)")
                    : Optional.empty();
        }
        return SchemaValues.violation(p, p.defaultValue().get()).map(v -> "'default' is invalid: " + v);
    }

    private static OptionalDouble number(JsonNode p, String key) {
        return p.path(key).isNumber() ? OptionalDouble.of(p.get(key).asDouble()) : OptionalDouble.empty();
    }

    private boolean header(JsonNode tm, String rel) {
        JsonNode type = tm.path("@type");
        boolean isTm = type.isArray()
                ? containsText(type, "tm:ThingModel")
                : "tm:ThingModel".equals(type.asText());
        if (!isTm) {
            problems.add(Problem.ofFile(rel, "'@type' is not tm:ThingModel"));
            return false;
        }
        if (!tm.path("version").path("model").isTextual()) {
            problems.add(Problem.ofFile(rel, "missing 'version.model'"));
            return false;
        }
        return true;
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode n : array) {
            if (text.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private Optional<JsonNode> read(Path file, String rel) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                problems.add(Problem.ofFile(rel, "not a JSON object"));
                return Optional.empty();
            }
            String served = ModelPaths.servedPath(rel);
            documents.put(served, new ModelDocument(served, bytes));
            return Optional.of(node);
        } catch (IOException e) {
            problems.add(Problem.ofFile(rel, "unreadable: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
