package io.twinbridge.sandbox.fleet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns a telemetry record into record value bytes in one of the wire encodings the gateway reads. */
public interface TelemetryEncoder {

    /** The JSON property that names the record's schema, as the gateway's JSON codec expects. */
    String JSON_SCHEMA_FIELD = "schema";

    byte[] encode(GenericRecord record);

    static TelemetryEncoder of(Encoding encoding, Map<String, Integer> confluentIds) {
        return switch (encoding) {
            case SINGLE_OBJECT -> new SingleObject();
            case CONFLUENT -> new Confluent(confluentIds);
            case JSON -> TelemetryEncoder::json;
        };
    }

    /** Avro single-object encoding: {@code C3 01}, the schema fingerprint, the binary body. */
    final class SingleObject implements TelemetryEncoder {
        private final Map<Schema, BinaryMessageEncoder<GenericRecord>> encoders = new ConcurrentHashMap<>();

        @Override
        public byte[] encode(GenericRecord record) {
            try {
                return encoders.computeIfAbsent(record.getSchema(),
                                schema -> new BinaryMessageEncoder<>(GenericData.get(), schema))
                        .encode(record).array();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
            }
        }
    }

    /** Confluent wire format: byte 0, the 4-byte big-endian schema id, the binary body. */
    final class Confluent implements TelemetryEncoder {
        private final Map<String, Integer> ids;

        public Confluent(Map<String, Integer> ids) {
            this.ids = Map.copyOf(ids);
        }

        @Override
        public byte[] encode(GenericRecord record) {
            Integer id = ids.get(record.getSchema().getFullName());
            if (id == null) {
                throw new IllegalArgumentException("no schema id for " + record.getSchema().getFullName());
            }
            return frame(id, body(record));
        }

        static byte[] frame(int id, byte[] body) {
            return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
        }
    }

    /** The plain Avro binary body of a record. */
    static byte[] body(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
        }
        return out.toByteArray();
    }

    /**
     * JSON with the Avro field names, a leading {@value #JSON_SCHEMA_FIELD} property, enums as strings, maps as
     * objects and bytes as base64 (the gateway's tests encode their fixtures with it too).
     */
    static byte[] json(GenericRecord record) {
        return jsonTree(record).toString().getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode jsonTree(GenericRecord record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(JSON_SCHEMA_FIELD, record.getSchema().getFullName());
        node.setAll((ObjectNode) toJson(record));
        return node;
    }

    private static JsonNode toJson(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof GenericRecord record) {
            ObjectNode node = f.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), toJson(record.get(field.pos())));
            }
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = f.arrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = f.objectNode();
            map.forEach((k, v) -> node.set(k.toString(), toJson(v)));
            return node;
        }
        if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return f.binaryNode(copy);
        }
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
            return f.textNode(value.toString());
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Float x) {
            return f.numberNode(x);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
}
