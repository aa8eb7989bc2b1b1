package io.twinbridge.gateway.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;

class SingleObjectAvroCodecTest {
    static final List<String> KINDS = TestTelemetry.KINDS;

    private final SingleObjectAvroCodec codec = new SingleObjectAvroCodec(TestTelemetry.all());

    @ParameterizedTest
    @FieldSource("KINDS")
    void roundTripsEveryTelemetryKind(String kind) {
        GenericRecord record = TestTelemetry.sample(TestTelemetry.schema(kind), 3);

        Result<DecodedEvent> decoded = codec.decode(TestTelemetry.singleObject(record));

        assertTrue(decoded.isOk(), () -> decoded.failure().toString());
        assertEquals(record.getSchema().getFullName(), decoded.value().schemaName());
        AvroFields fields = (AvroFields) decoded.value().fields();
        assertEquals(record, fields.record());
        assertEquals("deviceId-3", fields.get(FieldPath.parse("deviceId")));
        assertEquals(1_700_000_000_004L, fields.get(FieldPath.parse("timestamp")));
    }

    @Test
    void normalisesNestedEnumsArraysAndOptionals() {
        GenericRecord record = TestTelemetry.sample(TestTelemetry.schema("Robot"), 0);
        EventFields fields = codec.decode(TestTelemetry.singleObject(record)).value().fields();

        assertInstanceOf(String.class, fields.get(FieldPath.parse("tool.gripperState")));
        assertInstanceOf(String.class, fields.get(FieldPath.parse("controller.program")));
        assertInstanceOf(Long.class, fields.get(FieldPath.parse("controller.cycleCount")));
        assertInstanceOf(Integer.class, fields.get(FieldPath.parse("controller.cycleTimeMs")));
        List<?> angles = (List<?>) fields.get(FieldPath.parse("joints.axisAnglesRad"));
        assertEquals(6, angles.size());
        assertInstanceOf(Double.class, angles.get(0));
        assertInstanceOf(EventFields.class, fields.get(FieldPath.parse("joints")));
        assertNull(fields.get(FieldPath.parse("joints.nope")));
        assertNull(fields.get(FieldPath.parse("deviceId.deeper")));
    }

    @Test
    void resolvesAnOlderWriterSchemaToTheCurrentOne() {
        Schema current = SchemaBuilder.record("Probe").namespace("t").fields()
                .requiredString("deviceId").name("level").type().doubleType().doubleDefault(-1).endRecord();
        Schema older = SchemaBuilder.record("Probe").namespace("t").fields().requiredString("deviceId").endRecord();
        SingleObjectAvroCodec evolving = new SingleObjectAvroCodec(List.of(current), List.of(older));
        GenericRecord old = new GenericData.Record(older);
        old.put("deviceId", "p-1");

        Result<DecodedEvent> decoded = evolving.decode(TestTelemetry.singleObject(old));

        assertTrue(decoded.isOk(), () -> decoded.failure().toString());
        assertEquals(-1.0, decoded.value().fields().get(FieldPath.parse("level")));
        assertEquals("p-1", decoded.value().fields().get(FieldPath.parse("deviceId")));
    }

    @Test
    void unknownFingerprintIsAnUnknownSchema() {
        byte[] value = TestTelemetry.singleObject(TestTelemetry.sample(TestTelemetry.schema("Hvac"), 1));
        value[5] ^= 0x40;

        assertFailure(DecodeErrors.UNKNOWN_SCHEMA, codec.decode(value));
    }

    @Test
    void wrongMagicTruncationAndTrailingBytesAreMalformed() {
        byte[] value = TestTelemetry.singleObject(TestTelemetry.sample(TestTelemetry.schema("Turbine"), 1));
        byte[] wrongMagic = value.clone();
        wrongMagic[1] = 0x02;

        assertFailure(DecodeErrors.MALFORMED, codec.decode(wrongMagic));
        assertFailure(DecodeErrors.MALFORMED, codec.decode(Arrays.copyOf(value, value.length - 3)));
        assertFailure(DecodeErrors.MALFORMED, codec.decode(Arrays.copyOf(value, value.length + 2)));
        assertFailure(DecodeErrors.MALFORMED, codec.decode(new byte[0]));
    }

    @Test
    void aHugeDeclaredStringLengthFailsWithoutAllocatingIt() {
        byte[] value = TestTelemetry.singleObject(TestTelemetry.sample(TestTelemetry.schema("Turbine"), 1));
        // deviceId is the first field: replace its length varint by zig-zag 2^31-2 and keep the rest
        byte[] huge = Arrays.copyOf(value, 10 + 5);
        huge[10] = (byte) 0xfc;
        huge[11] = (byte) 0xff;
        huge[12] = (byte) 0xff;
        huge[13] = (byte) 0xff;
        huge[14] = (byte) 0x0f;

        Result<DecodedEvent> decoded = codec.decode(huge);

        assertFailure(DecodeErrors.MALFORMED, decoded);
        assertTrue(decoded.failure().message().contains("bytes left"), decoded.failure().message());
    }

    static void assertFailure(String code, Result<DecodedEvent> result) {
        assertFalse(result.isOk(), () -> "expected " + code + " but decoded " + result);
        assertEquals(Stage.DECODE, result.failure().stage());
        assertEquals(code, result.failure().code(), result.failure().message());
    }
}
