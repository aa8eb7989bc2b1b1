package io.twinbridge.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON encoding must use the Avro field names and nesting, so that one binding serves both encodings. */
class JsonTelemetrySchemasTest {

    @ParameterizedTest
    @CsvSource({"turbine,TurbineTelemetry", "robot,RobotTelemetry", "hvac,HvacTelemetry", "vehicle,VehicleTelemetry"})
    void jsonSchemaMirrorsAvroFields(String kind, String record) throws IOException {
        Schema avro = ModelRegistry.fromClasspath().avroSchema("twinbridge.telemetry." + record).orElseThrow();
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/schemas/json/" + kind + "-telemetry.schema.json")) {
            json = new ObjectMapper().readTree(in);
        }
        assertEquals("twinbridge.telemetry." + record, json.get("title").asText());
        List<String> jsonRequired = new ArrayList<>();
        json.get("required").forEach(r -> jsonRequired.add(r.asText()));
        assertEquals(avro.getFields().stream().filter(f -> !f.hasDefaultValue()).map(Schema.Field::name).toList(),
                jsonRequired);
        assertEquals(AvroSchemaPaths.leaves(avro).stream().map(Object::toString).toList(), jsonLeaves(json, ""));
    }

    private static List<String> jsonLeaves(JsonNode schema, String prefix) {
        List<String> out = new ArrayList<>();
        schema.get("properties").fields().forEachRemaining(e -> {
            if (e.getValue().has("properties")) {
                out.addAll(jsonLeaves(e.getValue(), prefix + e.getKey() + "."));
            } else {
                out.add(prefix + e.getKey());
            }
        });
        return out;
    }
}
