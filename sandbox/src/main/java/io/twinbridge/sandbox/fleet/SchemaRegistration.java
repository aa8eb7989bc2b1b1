package io.twinbridge.sandbox.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Registers the telemetry schemas with a Confluent-compatible registry and returns their ids, for the Confluent
 * encoding. Subjects follow the record-name strategy (subject = schema full name), because one tenant topic carries
 * all asset kinds.
 */
public final class SchemaRegistration {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;

    public SchemaRegistration(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /subjects/<full name>/versions} for each kind; the registry returns the existing id if known. */
    public Map<String, Integer> register(Iterable<AssetKind> kinds) throws IOException, InterruptedException {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (AssetKind kind : kinds) {
            String subject = URLEncoder.encode(kind.schemaFullName(), StandardCharsets.UTF_8);
            String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
            String body = JsonNodeFactory.instance.objectNode().put("schema", kind.loadSchema().toString()).toString();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "subjects/" + subject + "/versions"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IOException("registry " + baseUrl + " refused " + kind.schemaFullName() + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            if (!answer.path("id").canConvertToInt()) {
                throw new IOException("registry " + baseUrl + " gave no id for " + kind.schemaFullName() + ": "
                        + response.body());
            }
            ids.put(kind.schemaFullName(), answer.path("id").intValue());
        }
        return ids;
    }
}
