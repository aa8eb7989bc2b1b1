package io.twinbridge.gateway.mapping;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes a {@code TwinChangeEvent} in Avro single-object encoding field by field with Avro's {@link BinaryEncoder},
 * without a {@code GenericRecord}: building the record, and {@code GenericDatumWriter} finding each nullable
 * field's union branch from the value's type, were most of the encoding's cost per event on egress's worker.
 *
 * <p>The layout is checked against the schema once, at construction: a schema whose fields differ in name, order
 * or type is refused, so the bytes are the ones {@code BinaryMessageEncoder} writes for the same record
 * ({@code TwinChangeEventEncoderTest} compares them). Thread-safe: each thread writes into a buffer of its own.
 */
final class TwinChangeEventEncoder {
    private static final List<String> FIELDS = List.of("thingId", "tenant", "action", "path", "value", "revision",
            "timestamp", "definition", "correlationId");
    /** Avro's single-object marker, {@code BinaryMessageEncoder}'s V1 header. */
    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};

    private final byte[] header;
    /** Ditto's action (lower case) to the index of its symbol in the enum. */
    private final Map<String, Integer> actions = new HashMap<>();
    private final Nullable value;
    private final Nullable definition;
    private final Nullable correlationId;
    private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

    TwinChangeEventEncoder(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        if (!fields.stream().map(Schema.Field::name).toList().equals(FIELDS)) {
            throw new IllegalArgumentException(schema.getFullName() + " has the fields "
                    + fields.stream().map(Schema.Field::name).toList() + ", this encoder writes " + FIELDS);
        }
        expect(fields.get(0), Schema.Type.STRING);
        expect(fields.get(1), Schema.Type.STRING);
        expect(fields.get(2), Schema.Type.ENUM);
        expect(fields.get(3), Schema.Type.STRING);
        expect(fields.get(5), Schema.Type.LONG);
        expect(fields.get(6), Schema.Type.LONG);
        List<String> symbols = fields.get(2).schema().getEnumSymbols();
        for (int i = 0; i < symbols.size(); i++) {
            actions.put(symbols.get(i).toLowerCase(Locale.ROOT), i);
        }
        this.value = Nullable.of(fields.get(4));
        this.definition = Nullable.of(fields.get(7));
        this.correlationId = Nullable.of(fields.get(8));
        this.header = new byte[MARKER.length + Long.BYTES];
        System.arraycopy(MARKER, 0, header, 0, MARKER.length);
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        for (int i = 0; i < Long.BYTES; i++) {
            header[MARKER.length + i] = (byte) (fingerprint >>> (8 * i)); // little endian, as Avro writes it
        }
    }

    /**
     * @param action Ditto's action ({@code created}, {@code modified}, {@code merged}, {@code deleted}), any case
     * @param value, definition, correlationId null when absent
     */
    byte[] encode(String thingId, String tenant, String action, String path, String value, long revision,
                  long timestamp, String definition, String correlationId) {
        Integer symbol = actions.get(action);
        if (symbol == null) {
            symbol = actions.get(action.toLowerCase(Locale.ROOT));
            if (symbol == null) {
                throw new IllegalArgumentException("no TwinAction for the action " + action);
            }
        }
        Buffer buffer = buffers.get();
        buffer.reset();
        buffer.write(header, 0, header.length);
        BinaryEncoder out = buffer.encoder;
        try {
            out.writeString(thingId);
            out.writeString(tenant);
            out.writeEnum(symbol);
            out.writeString(path);
            this.value.write(out, value);
            out.writeLong(revision);
            out.writeLong(timestamp);
            this.definition.write(out, definition);
            this.correlationId.write(out, correlationId);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a TwinChangeEvent", e);
        }
        return buffer.toByteArray();
    }

    private static void expect(Schema.Field field, Schema.Type type) {
        if (field.schema().getType() != type) {
            throw new IllegalArgumentException("field " + field.name() + " is a " + field.schema().getType()
                    + ", this encoder writes a " + type);
        }
    }

    /** A field of type {@code ["null", "string"]} (either order): the branch index of each. */
    private record Nullable(int nullBranch, int stringBranch) {
        static Nullable of(Schema.Field field) {
            Schema schema = field.schema();
            if (schema.getType() != Schema.Type.UNION || schema.getTypes().size() != 2) {
                throw new IllegalArgumentException("field " + field.name() + " is not a union of null and string");
            }
            Integer nullBranch = schema.getIndexNamed(Schema.Type.NULL.getName());
            Integer stringBranch = schema.getIndexNamed(Schema.Type.STRING.getName());
            if (nullBranch == null || stringBranch == null) {
                throw new IllegalArgumentException("field " + field.name() + " is not a union of null and string");
            }
            return new Nullable(nullBranch, stringBranch);
        }

        void write(BinaryEncoder out, String text) throws IOException {
            if (text == null) {
                out.writeIndex(nullBranch);
                out.writeNull();
            } else {
                out.writeIndex(stringBranch);
                out.writeString(text);
            }
        }
    }

    /** A thread's reusable output: the bytes and the encoder writing straight into them. */
    private static final class Buffer extends ByteArrayOutputStream {
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);

        Buffer() {
            super(256);
        }
    }
}
