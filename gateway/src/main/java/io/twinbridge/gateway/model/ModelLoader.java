package io.twinbridge.gateway.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Reads every file, then cross-checks; collects all problems before failing so one start shows them all. */
final class ModelLoader {
    private static final String BINDING_SUFFIX = ".binding.json";

    private final Path modelsRoot;
    private final Path schemasRoot;
    private final ObjectMapper json = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final List<Problem> problems = new ArrayList<>();

    ModelLoader(Path modelsRoot, Path schemasRoot) {
        this.modelsRoot = modelsRoot.toAbsolutePath().normalize();
        this.schemasRoot = schemasRoot.toAbsolutePath().normalize();
    }

    ModelRegistry load() {
        Map<String, Schema> schemas = loadSchemas();
        Map<String, ModelDocument> documents = new HashMap<>();
        ThingModelParser tmParser = new ThingModelParser(json, modelsRoot, problems, documents);
        BindingParser bindingParser = new BindingParser(json, problems);
        BindingChecker checker = new BindingChecker(problems);
        Map<String, BoundModel> bySchema = new HashMap<>();
        Map<String, BoundModel> byKind = new HashMap<>();
        Map<String, ModelDocument> bindings = new HashMap<>();
        for (Path file : files(modelsRoot, BINDING_SUFFIX, true)) {
            String rel = ModelPaths.relative(modelsRoot, file);
            Optional<Binding> parsed = bindingParser.parse(rel, file);
            if (parsed.isEmpty()) {
                continue;
            }
            Binding binding = parsed.get();
            readBinding(file, rel).ifPresent(doc -> bindings.put(doc.path(), doc));
            Schema schema = schemas.get(binding.schemaName());
            if (schema == null || schema.getType() != Schema.Type.RECORD) {
                problems.add(Problem.ofFile(rel, "unknown Avro record schema '" + binding.schemaName() + "'"));
                continue;
            }
            Path modelFile = file.getParent().resolve(binding.modelFile()).normalize();
            if (!modelFile.startsWith(modelsRoot) || !Files.isRegularFile(modelFile)) {
                problems.add(Problem.ofFile(rel, "model file '" + binding.modelFile() + "' not found"));
                continue;
            }
            Optional<ThingModel> model = tmParser.parse(binding.kind(), modelFile);
            if (model.isEmpty()) {
                continue;
            }
            checker.check(binding, model.get(), schema);
            BoundModel bound = new BoundModel(binding, model.get(), schema);
            if (bySchema.putIfAbsent(schema.getFullName(), bound) != null) {
                problems.add(Problem.ofFile(rel, "schema " + schema.getFullName() + " is bound by more than one binding"));
            }
            if (byKind.putIfAbsent(binding.kind(), bound) != null) {
                problems.add(Problem.ofFile(rel, "kind '" + binding.kind() + "' has more than one binding"));
            }
        }
        if (bySchema.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.ofFile(modelsRoot.toString(), "no *" + BINDING_SUFFIX + " files found"));
        }
        if (!problems.isEmpty()) {
            throw new ModelRegistryException(problems);
        }
        return new ModelRegistry(bySchema, byKind, documents, bindings, schemas);
    }

    /** The binding file as shipped, served beside its Thing Model for clients in other languages. */
    private Optional<ModelDocument> readBinding(Path file, String rel) {
        try {
            String served = ModelPaths.servedPath(rel);
            return Optional.of(new ModelDocument(served, Files.readAllBytes(file)));
        } catch (java.io.IOException e) {
            problems.add(Problem.ofFile(rel, "cannot read: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private Map<String, Schema> loadSchemas() {
        Map<String, Schema> schemas = new HashMap<>();
        for (Path file : files(schemasRoot, ".avsc", false)) {
            String rel = ModelPaths.relative(schemasRoot, file);
            try (InputStream in = Files.newInputStream(file)) {
                Schema schema = new Schema.Parser().parse(in);
                if (schemas.putIfAbsent(schema.getFullName(), schema) != null) {
                    problems.add(Problem.ofFile(rel, "schema " + schema.getFullName() + " is defined twice"));
                }
            } catch (SchemaParseException | IOException e) {
                problems.add(Problem.ofFile(rel, "invalid Avro schema: " + e.getMessage()));
            }
        }
        return schemas;
    }

    private List<Path> files(Path root, String suffix, boolean recursive) {
        if (!Files.isDirectory(root)) {
            problems.add(Problem.ofFile(root.toString(), "not a directory"));
            return List.of();
        }
        try (Stream<Path> walk = recursive ? Files.walk(root) : Files.list(root)) {
            return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(suffix))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(Problem.ofFile(root.toString(), "cannot list: " + e.getMessage()));
            return List.of();
        }
    }
}
