package io.twinbridge.gateway.codec;

import io.twinbridge.sandbox.fleet.TelemetryEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The shipped telemetry schemas, sample records filled from them, and the three wire encodings. */
final class TestTelemetry {
    static final List<String> KINDS = List.of("Turbine", "Robot", "Hvac", "Vehicle");

    private TestTelemetry() {
    }

    static Schema schema(String kind) {
        return parse("schemas/" + kind + "Telemetry.avsc");
    }

    static List<Schema> all() {
        return KINDS.stream().map(TestTelemetry::schema).toList();
    }

    static Schema parse(String resource) {
        try (InputStream in = TestTelemetry.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonSchemas jsonSchemas() {
        return JsonSchemas.forTelemetry(all(), TestTelemetry.class.getClassLoader());
    }

    /** A record with every field set; {@code seed} varies the numbers so records differ. */
    static GenericRecord sample(Schema schema, int seed) {
        return (GenericRecord) fill(schema, seed, schema.getName());
    }

    private static Object fill(Schema schema, int seed, String name) {
        switch (schema.getType()) {
            case RECORD: {
                GenericData.Record record = new GenericData.Record(schema);
                int i = 0;
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), fill(field.schema(), seed + i++, field.name()));
                }
                return record;
            }
            case UNION:
                return fill(schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                        .orElseThrow(), seed, name);
            case ENUM:
                return new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(seed % schema.getEnumSymbols()
                        .size()));
            case ARRAY: {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    items.add(fill(schema.getElementType(), seed + i, name));
                }
                return new GenericData.Array<>(schema, items);
            }
            case STRING:
                return name + "-" + seed;
            case INT:
                return seed;
            case LONG:
                return "timestamp".equals(name) ? 1_700_000_000_000L + seed : 1000L + seed;
            case DOUBLE:
                return seed + 0.25;
            case FLOAT:
                return seed + 0.5f;
            case BOOLEAN:
                return seed % 2 == 0;
            case BYTES:
                return ByteBuffer.wrap(new byte[] {(byte) seed});
            default:
                throw new IllegalArgumentException("no sample for " + schema);
        }
    }

    // The wire framings and the JSON form are the simulator's (TelemetryEncoder), which also covers the map and bytes
    // fields of the test fixtures.
    static byte[] singleObject(GenericRecord record) {
        return new TelemetryEncoder.SingleObject().encode(record);
    }

    static byte[] confluent(int id, GenericRecord record) {
        return new TelemetryEncoder.Confluent(Map.of(record.getSchema().getFullName(), id)).encode(record);
    }

    static byte[] body(GenericRecord record) {
        return TelemetryEncoder.body(record);
    }

    static ObjectNode jsonTree(GenericRecord record) {
        return TelemetryEncoder.jsonTree(record);
    }

    static byte[] json(GenericRecord record) {
        return json(jsonTree(record));
    }

    static byte[] json(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
