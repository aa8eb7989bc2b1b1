package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twinbridge.gateway.model.ModelRegistry;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The field-by-field encoder writes exactly the bytes of Avro's own single-object encoder. */
class TwinChangeEventEncoderTest {
    private static final Schema SCHEMA = ModelRegistry.fromClasspath().avroSchema(TwinRecords.TWIN_CHANGE_EVENT)
            .orElseThrow();
    private static final TwinChangeEventEncoder ENCODER = new TwinChangeEventEncoder(SCHEMA);

    @ParameterizedTest(name = "[{index}] {2} {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "acme:t-1 | acme | merged   | /features/s/properties | {\"t\":21.5}      | 7   | 1767225600000 | http://m/x.tm.jsonld | c-1",
            "acme:t-1 | acme | deleted  | /                      | NULL             | 8   | 1767225600001 | NULL                 | NULL",
            "acme:t-2 | acme | created  | /                      | {\"a\":\"ü€😀\"} | 1   | 0             | NULL                 | cid",
            "acme:t-3 | acme | modified | /attributes/x          | \"\"             | 123456789012 | -5   | ''                   | ''"})
    void writesTheBytesOfAvrosEncoder(String thingId, String tenant, String action, String path, String value,
                                      long revision, long timestamp, String definition, String correlationId)
            throws Exception {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("thingId", thingId);
        record.put("tenant", tenant);
        record.put("action", new GenericData.EnumSymbol(SCHEMA.getField("action").schema(),
                action.toUpperCase(Locale.ROOT)));
        record.put("path", path);
        record.put("value", value);
        record.put("revision", revision);
        record.put("timestamp", timestamp);
        record.put("definition", definition);
        record.put("correlationId", correlationId);
        ByteBuffer expected = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), SCHEMA).encode(record);

        byte[] written = ENCODER.encode(thingId, tenant, action, path, value, revision, timestamp, definition,
                correlationId);

        byte[] bytes = new byte[expected.remaining()];
        expected.get(bytes);
        assertArrayEquals(bytes, written);
    }

    @Test
    void refusesASchemaOfAnotherLayout() {
        Schema reordered = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"TwinChangeEvent\","
                + "\"namespace\":\"twinbridge.twin\",\"fields\":[{\"name\":\"tenant\",\"type\":\"string\"},"
                + "{\"name\":\"thingId\",\"type\":\"string\"}]}");

        assertThrows(IllegalArgumentException.class, () -> new TwinChangeEventEncoder(reordered));
    }

    @Test
    void refusesAnActionTheSchemaDoesNotKnow() {
        assertThrows(IllegalArgumentException.class, () -> ENCODER.encode("acme:t-1", "acme", "archived", "/",
                null, 1, 0, null, null));
    }
}
