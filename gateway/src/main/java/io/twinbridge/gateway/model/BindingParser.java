package io.twinbridge.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinbridge.gateway.codec.FieldPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one binding file (format: {@code schemas/binding.schema.json}). Structural errors become {@link Problem}s
 * naming the file and, where known, the field and property.
 */
final class BindingParser {
    private static final Set<String> TOP_KEYS = Set.of("$schema", "kind", "model", "schema", "fields", "ignored", "commands");
    private static final Set<String> FIELD_KEYS = Set.of("field", "feature", "property", "scale", "offset", "convert");
    private static final Set<String> COMMAND_KEYS = Set.of("feature", "property", "command", "parameter", "scale", "offset");

    private final ObjectMapper json;
    private final List<Problem> problems;

    BindingParser(ObjectMapper json, List<Problem> problems) {
        this.json = json;
        this.problems = problems;
    }

    Optional<Binding> parse(String rel, Path file) {
        JsonNode doc;
        try {
            doc = json.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            problems.add(Problem.ofFile(rel, "unreadable: " + e.getMessage()));
            return Optional.empty();
        }
        if (doc == null || !doc.isObject()) {
            problems.add(Problem.ofFile(rel, "not a JSON object"));
            return Optional.empty();
        }
        int before = problems.size();
        unknownKeys(rel, doc, TOP_KEYS, Problem.NONE, Problem.NONE);
        String kind = text(rel, doc, "kind");
        String model = text(rel, doc, "model");
        String schema = text(rel, doc, "schema");
        List<FieldBinding> fields = new ArrayList<>();
        for (JsonNode f : array(rel, doc, "fields")) {
            field(rel, f).ifPresent(fields::add);
        }
        List<FieldPath> ignored = new ArrayList<>();
        for (JsonNode i : array(rel, doc, "ignored")) {
            path(rel, i.asText(), Problem.NONE).ifPresent(ignored::add);
        }
        List<CommandMapping> commands = new ArrayList<>();
        for (JsonNode c : array(rel, doc, "commands")) {
            command(rel, c).ifPresent(commands::add);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Binding(kind, rel, model, schema, fields, ignored, commands));
    }

    private Optional<FieldBinding> field(String rel, JsonNode f) {
        String fieldName = f.path("field").asText("");
        String target = f.path("feature").asText("") + "/" + f.path("property").asText("");
        unknownKeys(rel, f, FIELD_KEYS, fieldName, target);
        if (fieldName.isEmpty() || !f.path("feature").isTextual() || !f.path("property").isTextual()) {
            problems.add(new Problem(rel, fieldName.isEmpty() ? Problem.NONE : fieldName, target,
                    "a field binding needs 'field', 'feature' and 'property'"));
            return Optional.empty();
        }
        Optional<FieldPath> path = path(rel, fieldName, target);
        Optional<Conversion> conversion = conversion(rel, f, fieldName, target, true);
        if (path.isEmpty() || conversion.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FieldBinding(path.get(), f.get("feature").asText(), f.get("property").asText(),
                conversion.get()));
    }

    private Optional<CommandMapping> command(String rel, JsonNode c) {
        String target = c.path("feature").asText("") + "/" + c.path("property").asText("");
        unknownKeys(rel, c, COMMAND_KEYS, Problem.NONE, target);
        for (String key : List.of("feature", "property", "command", "parameter")) {
            if (!c.path(key).isTextual() || c.get(key).asText().isEmpty()) {
                problems.add(new Problem(rel, Problem.NONE, target, "command mapping needs a non-empty '" + key + "'"));
                return Optional.empty();
            }
        }
        return conversion(rel, c, Problem.NONE, target, false).map(conv -> new CommandMapping(
                c.get("feature").asText(), c.get("property").asText(), c.get("command").asText(),
                c.get("parameter").asText(), conv));
    }

    private Optional<Conversion> conversion(String rel, JsonNode node, String field, String target, boolean named) {
        boolean linear = node.has("scale") || node.has("offset");
        if (named && node.has("convert")) {
            if (linear) {
                problems.add(new Problem(rel, field, target, "'convert' excludes 'scale' and 'offset'"));
                return Optional.empty();
            }
            String name = node.get("convert").asText();
            Optional<Conversion> conv = Conversion.named(name);
            if (conv.isEmpty()) {
                problems.add(new Problem(rel, field, target, "unknown conversion '" + name + "'"));
            }
            return conv;
        }
        if (!linear) {
            return Optional.of(Conversion.IDENTITY);
        }
        JsonNode scale = node.path("scale");
        JsonNode offset = node.path("offset");
        if ((node.has("scale") && !scale.isNumber()) || (node.has("offset") && !offset.isNumber())
                || (scale.isNumber() && scale.asDouble() == 0.0)) {
            problems.add(new Problem(rel, field, target, "'scale' must be a non-zero number and 'offset' a number"));
            return Optional.empty();
        }
        return Optional.of(new Conversion(scale.isNumber() ? scale.asDouble() : 1.0,
                offset.isNumber() ? offset.asDouble() : 0.0));
    }

    private Optional<FieldPath> path(String rel, String dotted, String target) {
        try {
            return Optional.of(FieldPath.parse(dotted));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(rel, dotted, target, e.getMessage()));
            return Optional.empty();
        }
    }

    private String text(String rel, JsonNode doc, String key) {
        if (!doc.path(key).isTextual() || doc.get(key).asText().isEmpty()) {
            problems.add(Problem.ofFile(rel, "missing '" + key + "'"));
            return "";
        }
        return doc.get(key).asText();
    }

    private JsonNode array(String rel, JsonNode doc, String key) {
        if (!doc.path(key).isArray()) {
            problems.add(Problem.ofFile(rel, "'" + key + "' must be an array"));
            return json.createArrayNode();
        }
        return doc.get(key);
    }

    private void unknownKeys(String rel, JsonNode node, Set<String> allowed, String field, String target) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(new Problem(rel, field, target, "unknown key '" + key + "'"));
            }
        }
    }
}
