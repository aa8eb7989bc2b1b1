package io.twinbridge.gateway.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The JSON Schemas of the JSON telemetry encoding, keyed by the Avro full name each one encodes (its {@code title}).
 */
public final class JsonSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, com.networknt.schema.Schema> byName;

    private JsonSchemas(Map<String, com.networknt.schema.Schema> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Compiles the given schema documents; each one's {@code title} must be the Avro full name it encodes. */
    public static JsonSchemas of(Collection<JsonNode> documents) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<String, com.networknt.schema.Schema> byName = new HashMap<>();
        for (JsonNode document : documents) {
            String title = document.path("title").asText("");
            if (title.isEmpty()) {
                throw new IllegalArgumentException("JSON Schema without a title naming its Avro record: "
                        + document.path("$id").asText("(no $id)"));
            }
            byName.put(title, registry.getSchema(document));
        }
        return new JsonSchemas(byName);
    }

    /**
     * Loads {@code schemas/json/<kind>-telemetry.schema.json} from the class path for every Avro record named
     * {@code <Kind>Telemetry}; records without such a file simply have no JSON encoding.
     */
    public static JsonSchemas forTelemetry(Collection<Schema> avroSchemas, ClassLoader classLoader) {
        Map<String, JsonNode> documents = new HashMap<>();
        for (Schema avro : avroSchemas) {
            String simple = avro.getName();
            if (!simple.endsWith("Telemetry")) {
                continue;
            }
            String kind = simple.substring(0, simple.length() - "Telemetry".length()).toLowerCase(Locale.ROOT);
            String resource = "schemas/json/" + kind + "-telemetry.schema.json";
            try (InputStream in = classLoader.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                JsonNode document = MAPPER.readTree(in);
                if (!avro.getFullName().equals(document.path("title").asText())) {
                    throw new IllegalArgumentException(resource + ": title must be '" + avro.getFullName() + "'");
                }
                documents.put(avro.getFullName(), document);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return of(documents.values());
    }

    Map<String, com.networknt.schema.Schema> byName() {
        return byName;
    }

    /** The Avro full names that have a JSON Schema. */
    public Set<String> names() {
        return byName.keySet();
    }
}
