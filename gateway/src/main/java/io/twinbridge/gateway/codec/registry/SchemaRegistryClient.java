package io.twinbridge.gateway.codec.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.twinbridge.gateway.codec.DecodeErrors;
import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;

/**
 * Fetches writer schemas by id from a Confluent-compatible registry: {@code GET {base}/schemas/ids/{id}}, answered with
 * {@code {"schema": "<avsc>"}}. No caching here; {@link io.twinbridge.gateway.codec.ConfluentAvroCodec} caches.
 *
 * <p>Outcomes: the parsed schema; {@code decode.unknown-schema} for 404, a non-Avro schema type or an unparseable
 * schema; {@code decode.registry-unavailable} for timeouts, connection errors, 401/403, 429 and 5xx.
 */
public final class SchemaRegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryConfig config;
    private final HttpClient http;
    private final AtomicLong requests = new AtomicLong();

    public SchemaRegistryClient(RegistryConfig config) {
        this(config, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout()).build());
    }

    public SchemaRegistryClient(RegistryConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    /** Number of HTTP requests sent so far; lets tests and metrics see cache effectiveness. */
    public long requestCount() {
        return requests.get();
    }

    /** Never completes exceptionally: every failure is a typed {@link Result}. */
    public CompletableFuture<Result<Schema>> fetch(int id) {
        HttpRequest.Builder request = HttpRequest.newBuilder(schemaUri(id))
                .timeout(config.requestTimeout())
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
                .GET();
        config.auth().authorizationHeader().ifPresent(value -> request.header("Authorization", value));
        requests.incrementAndGet();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> error == null
                        ? interpret(id, response)
                        : unavailable("schema registry " + config.baseUrl() + " not reachable: " + describe(error)));
    }

    private URI schemaUri(int id) {
        String base = config.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "schemas/ids/" + Integer.toUnsignedString(id));
    }

    private Result<Schema> interpret(int id, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 404) {
            return unknown("schema id " + id + " not found in registry " + config.baseUrl());
        }
        if (status != 200) {
            return unavailable("schema registry " + config.baseUrl() + " answered HTTP " + status + " for id " + id);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String type = body.path("schemaType").asText("AVRO");
            if (!"AVRO".equals(type)) {
                return unknown("schema id " + id + " is a " + type + " schema, not Avro");
            }
            JsonNode schema = body.path("schema");
            if (!schema.isTextual()) {
                return unknown("registry answer for id " + id + " has no 'schema' string");
            }
            return Result.ok(new Schema.Parser().parse(schema.textValue()));
        } catch (IOException | SchemaParseException e) {
            return unknown("registry answer for id " + id + " is not a valid Avro schema: " + e.getMessage());
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static Result<Schema> unknown(String message) {
        return Result.err(new Failure(Stage.DECODE, DecodeErrors.UNKNOWN_SCHEMA, message));
    }

    private static Result<Schema> unavailable(String message) {
        return Result.err(new Failure(Stage.DECODE, DecodeErrors.REGISTRY_UNAVAILABLE, message));
    }
}
