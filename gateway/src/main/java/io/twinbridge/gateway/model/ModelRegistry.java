package io.twinbridge.gateway.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The cross-checked twin models, Avro schemas and bindings, loaded once at start. Immutable and thread-safe.
 *
 * <p>Load with {@link #fromClasspath()} (resources {@code twin-models/} and {@code schemas/}, as packaged) or
 * {@link #fromDirectories(Path, Path)}. Any inconsistency throws one {@link ModelRegistryException} listing them all.
 */
public final class ModelRegistry {
    private final Map<String, BoundModel> bySchema;
    private final Map<String, BoundModel> byKind;
    private final Map<String, ModelDocument> documents;
    private final Map<String, ModelDocument> bindings;
    private final Map<String, Schema> schemas;

    ModelRegistry(Map<String, BoundModel> bySchema, Map<String, BoundModel> byKind,
                  Map<String, ModelDocument> documents, Map<String, ModelDocument> bindings,
                  Map<String, Schema> schemas) {
        this.bySchema = Map.copyOf(bySchema);
        this.byKind = Map.copyOf(byKind);
        this.documents = Map.copyOf(documents);
        this.bindings = Map.copyOf(bindings);
        this.schemas = Map.copyOf(schemas);
    }

    /** Loads from a models root (one folder per kind) and a schemas root ({@code *.avsc}). */
    public static ModelRegistry fromDirectories(Path twinModelsDir, Path schemasDir) {
        return new ModelLoader(twinModelsDir, schemasDir).load();
    }

    /** Loads the models and schemas packaged as classpath resources {@code twin-models/} and {@code schemas/}. */
    public static ModelRegistry fromClasspath() {
        URI models = resource("twin-models");
        URI schemas = resource("schemas");
        if (!"jar".equals(models.getScheme())) {
            return fromDirectories(Path.of(models), Path.of(schemas));
        }
        // Both folders live in the same jar; a zip file system gives Paths into it. It is opened from the jar's path,
        // not its jar: URI, so that it is this call's own: a URI-opened one is registered JVM-wide, and two loads at
        // once (two gateways in one JVM) failed with FileSystemAlreadyExistsException.
        String uri = models.toString();
        Path jar = Path.of(URI.create(uri.substring("jar:".length(), uri.indexOf("!/"))));
        try (FileSystem fs = FileSystems.newFileSystem(jar)) {
            return fromDirectories(fs.getPath("/twin-models"), fs.getPath("/schemas"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + jar, e);
        }
    }

    private static URI resource(String name) {
        URL url = ModelRegistry.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new ModelRegistryException(List.of(Problem.ofFile(name, "classpath resource folder not found")));
        }
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
    }

    /** The binding and model for a telemetry record, by the writer schema's full name. */
    public Optional<BoundModel> bySchema(String schemaFullName) {
        return Optional.ofNullable(bySchema.get(schemaFullName));
    }

    public Optional<BoundModel> byKind(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    public Set<String> kinds() {
        return byKind.keySet();
    }

    public Collection<BoundModel> boundModels() {
        return bySchema.values();
    }

    /** Feature ids of a kind's model, in model order; empty for an unknown kind. */
    public List<String> features(String kind) {
        return byKind(kind).map(b -> b.model().featureIds()).orElse(List.of());
    }

    /**
     * A Thing Model document by its stable path, e.g. {@code /models/turbine/turbine-1.0.0.tm.jsonld} or a submodel
     * such as {@code /models/turbine/turbine-rotor-1.0.0.tm.jsonld}.
     */
    public Optional<ModelDocument> document(String path) {
        return Optional.ofNullable(documents.get(path));
    }

    public Set<String> documentPaths() {
        return documents.keySet();
    }

    /**
     * A binding file as shipped, by its path beside its Thing Model, e.g.
     * {@code /models/turbine/turbine-1.0.0.binding.json}: which Avro field feeds which feature property, and which
     * desired property becomes which device command.
     */
    public Optional<ModelDocument> binding(String path) {
        return Optional.ofNullable(bindings.get(path));
    }

    public Set<String> bindingPaths() {
        return bindings.keySet();
    }

    /** Every loaded Avro schema (telemetry, TwinChangeEvent, DeviceCommand) by full name. */
    public Map<String, Schema> avroSchemas() {
        return schemas;
    }

    public Optional<Schema> avroSchema(String fullName) {
        return Optional.ofNullable(schemas.get(fullName));
    }
}
