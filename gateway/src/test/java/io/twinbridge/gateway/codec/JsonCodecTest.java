package io.twinbridge.gateway.codec;

import static io.twinbridge.gateway.codec.SingleObjectAvroCodecTest.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinbridge.gateway.result.Result;

class JsonCodecTest {
    static final List<String> KINDS = TestTelemetry.KINDS;

    private final JsonCodec codec = JsonCodec.of(TestTelemetry.jsonSchemas(), TestTelemetry.all());

    @Test
    void loadsAJsonSchemaForEveryTelemetryKind() {
        assertEquals(4, TestTelemetry.jsonSchemas().names().size());
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void roundTripsEveryTelemetryKindWithTheSameFieldValuesAsAvro(String kind) {
        GenericRecord record = TestTelemetry.sample(TestTelemetry.schema(kind), 7);
        EventFields avro = new AvroFields(record);

        Result<DecodedEvent> decoded = codec.decode(TestTelemetry.json(record));

        assertTrue(decoded.isOk(), () -> decoded.failure().toString());
        assertEquals(record.getSchema().getFullName(), decoded.value().schemaName());
        for (org.apache.avro.Schema.Field field : record.getSchema().getFields()) {
            FieldPath path = FieldPath.parse(field.name());
            if (field.schema().getType() == org.apache.avro.Schema.Type.RECORD) {
                for (org.apache.avro.Schema.Field inner : field.schema().getFields()) {
                    FieldPath innerPath = FieldPath.parse(field.name() + "." + inner.name());
                    assertEquals(avro.get(innerPath), decoded.value().fields().get(innerPath), innerPath.dotted());
                }
            } else {
                assertEquals(avro.get(path), decoded.value().fields().get(path), path.dotted());
            }
        }
    }

    @Test
    void integralNumbersInDoubleFieldsBecomeDoublesAndTimestampsLongs() {
        ObjectNode json = TestTelemetry.jsonTree(TestTelemetry.sample(TestTelemetry.schema("Turbine"), 1));
        ((ObjectNode) json.get("rotor")).put("speedRpm", 12);

        EventFields fields = codec.decode(TestTelemetry.json(json)).value().fields();

        assertEquals(12.0, fields.get(FieldPath.parse("rotor.speedRpm")));
        assertInstanceOf(Long.class, fields.get(FieldPath.parse("timestamp")));
        assertNull(fields.get(FieldPath.parse(JsonCodec.SCHEMA_FIELD)), "the schema name is not a telemetry field");
    }

    @Test
    void optionalFieldsMayBeAbsentOrNull() {
        ObjectNode json = TestTelemetry.jsonTree(TestTelemetry.sample(TestTelemetry.schema("Turbine"), 1));
        ((ObjectNode) json.get("status")).remove("faultCode");
        ((ObjectNode) json.get("environment")).putNull("ambientTemperatureC");

        Result<DecodedEvent> decoded = codec.decode(TestTelemetry.json(json));

        assertTrue(decoded.isOk(), () -> decoded.failure().toString());
        assertNull(decoded.value().fields().get(FieldPath.parse("status.faultCode")));
        assertNull(decoded.value().fields().get(FieldPath.parse("environment.ambientTemperatureC")));
    }

    @Test
    void schemaViolationsNameThePlace() {
        ObjectNode wrongType = TestTelemetry.jsonTree(TestTelemetry.sample(TestTelemetry.schema("Hvac"), 1));
        ((ObjectNode) wrongType.get("supplyAir")).put("temperatureC", "warm");
        ObjectNode missing = TestTelemetry.jsonTree(TestTelemetry.sample(TestTelemetry.schema("Hvac"), 1));
        missing.remove("deviceId");
        ObjectNode badEnum = TestTelemetry.jsonTree(TestTelemetry.sample(TestTelemetry.schema("Hvac"), 1));
        ((ObjectNode) badEnum.get("setpoints")).put("fanMode", "TURBO");

        Result<DecodedEvent> typeResult = codec.decode(TestTelemetry.json(wrongType));
        assertFailure(DecodeErrors.SCHEMA_VIOLATION, typeResult);
        assertTrue(typeResult.failure().message().contains("temperatureC"), typeResult.failure().message());
        assertFailure(DecodeErrors.SCHEMA_VIOLATION, codec.decode(TestTelemetry.json(missing)));
        assertFailure(DecodeErrors.SCHEMA_VIOLATION, codec.decode(TestTelemetry.json(badEnum)));
    }

    @Test
    void schemaNameMissingOrUnknownIsAnUnknownSchema() {
        ObjectNode json = TestTelemetry.jsonTree(TestTelemetry.sample(TestTelemetry.schema("Robot"), 1));
        ObjectNode unnamed = json.deepCopy();
        unnamed.remove(JsonCodec.SCHEMA_FIELD);
        json.put(JsonCodec.SCHEMA_FIELD, "twinbridge.telemetry.ToasterTelemetry");

        assertFailure(DecodeErrors.UNKNOWN_SCHEMA, codec.decode(TestTelemetry.json(unnamed)));
        assertFailure(DecodeErrors.UNKNOWN_SCHEMA, codec.decode(TestTelemetry.json(json)));
    }

    @Test
    void invalidJsonIsMalformed() {
        assertFailure(DecodeErrors.MALFORMED, codec.decode(utf8("{\"deviceId\": ")));
        assertFailure(DecodeErrors.MALFORMED, codec.decode(utf8("[1, 2]")));
        assertFailure(DecodeErrors.MALFORMED, codec.decode(utf8("{\"a\": 1} {\"b\": 2}")));
        assertFailure(DecodeErrors.MALFORMED, codec.decode(utf8("{\"a\": 1, \"a\": 2}")));
        assertFailure(DecodeErrors.MALFORMED, codec.decode(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"'}));
        assertFailure(DecodeErrors.MALFORMED, codec.decode(new byte[0]));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
