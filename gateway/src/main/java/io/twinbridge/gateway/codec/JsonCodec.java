package io.twinbridge.gateway.codec;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.Schema;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;

import io.twinbridge.gateway.result.Result;

/**
 * UTF-8 JSON telemetry validated with JSON Schema (networknt).
 *
 * <p>A JSON record names its schema in-payload, in a top-level {@value #SCHEMA_FIELD} property holding the Avro full
 * name, e.g. {@code {"schema": "twinbridge.telemetry.TurbineTelemetry", "deviceId": "WTG-07", ...}}. The property is
 * removed before validation, so the JSON Schemas describe the telemetry fields only. The remaining fields have the
 * Avro field names and nesting; {@link JsonFields} normalises their values to the Avro types.
 */
public final class JsonCodec implements Codec {
    public static final String NAME = "json";
    public static final String SCHEMA_FIELD = "schema";
    private static final int MAX_REPORTED_ERRORS = 3;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Map<String, com.networknt.schema.Schema> validators;
    private final Map<String, Schema> avroSchemas;

    /**
     * @param jsonSchemas the JSON Schemas, keyed by the Avro full name they encode
     * @param avroSchemas the Avro record schemas of the same names, used to normalise value types
     */
    public JsonCodec(JsonSchemas jsonSchemas, Map<String, Schema> avroSchemas) {
        this.validators = jsonSchemas.byName();
        this.avroSchemas = Map.copyOf(avroSchemas);
    }

    /** The usual wiring: JSON Schemas and Avro schemas matched by full name. */
    public static JsonCodec of(JsonSchemas jsonSchemas, List<Schema> avroSchemas) {
        return new JsonCodec(jsonSchemas, avroSchemas.stream()
                .collect(Collectors.toUnmodifiableMap(Schema::getFullName, s -> s)));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result<DecodedEvent> decode(byte[] value) {
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (IOException e) {
            return DecodeErrors.malformed("not valid UTF-8 JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return DecodeErrors.malformed("JSON telemetry must be an object");
        }
        ObjectNode object = (ObjectNode) root;
        JsonNode schemaName = object.remove(SCHEMA_FIELD);
        if (schemaName == null || !schemaName.isTextual()) {
            return DecodeErrors.unknownSchema("JSON telemetry has no '" + SCHEMA_FIELD + "' string naming its schema");
        }
        String name = schemaName.textValue();
        com.networknt.schema.Schema validator = validators.get(name);
        Schema avro = avroSchemas.get(name);
        if (validator == null || avro == null) {
            return DecodeErrors.unknownSchema("no JSON and Avro schema named '" + name + "'");
        }
        List<Error> errors = validator.validate(object);
        if (!errors.isEmpty()) {
            return DecodeErrors.schemaViolation(name + ": " + errors.stream().limit(MAX_REPORTED_ERRORS)
                    .map(e -> e.getInstanceLocation() + " " + e.getMessage())
                    .collect(Collectors.joining("; ")) + (errors.size() > MAX_REPORTED_ERRORS
                    ? " (" + errors.size() + " errors)" : ""));
        }
        return Result.ok(new DecodedEvent(name, new JsonFields(object, avro)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
