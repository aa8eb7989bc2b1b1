package io.twinbridge.gateway.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

import io.twinbridge.gateway.result.Result;

/**
 * Avro single-object encoding: {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema,
 * then the binary body.
 *
 * <p>Writer schemas are looked up by fingerprint in Avro's {@link SchemaStore.Cache}, filled from the loaded schemas.
 * The reader schema is the loaded schema of the same full name, so a record written with an older schema that is
 * registered via {@link #SingleObjectAvroCodec(Collection, Collection)} is resolved to the current one. Decoding
 * does not use {@code BinaryMessageDecoder} itself because its binary decoder allocates whatever length a record
 * declares; see {@link BoundedBinaryDecoder}.
 */
public final class SingleObjectAvroCodec implements Codec {
    public static final String NAME = "avro-single-object";
    static final byte MAGIC_0 = (byte) 0xC3;
    static final byte MAGIC_1 = (byte) 0x01;
    private static final int HEADER_LENGTH = 10;

    private final SchemaStore.Cache store = new SchemaStore.Cache();
    private final Map<Long, Result<AvroBodyReader>> readersByFingerprint = new HashMap<>();

    /** @param schemas the current record schemas; each is both a writer and the reader for its full name */
    public SingleObjectAvroCodec(Collection<Schema> schemas) {
        this(schemas, List.of());
    }

    /**
     * @param schemas      the current record schemas, one per full name; they are the reader schemas
     * @param olderWriters earlier versions that devices may still write with; resolved to the current schema
     */
    public SingleObjectAvroCodec(Collection<Schema> schemas, Collection<Schema> olderWriters) {
        Map<String, Schema> readers = new HashMap<>();
        for (Schema schema : schemas) {
            Schema previous = readers.putIfAbsent(schema.getFullName(), schema);
            if (previous != null && !previous.equals(schema)) {
                throw new IllegalArgumentException("two current schemas named " + schema.getFullName()
                        + "; pass older versions as olderWriters");
            }
        }
        for (Schema writer : concat(schemas, olderWriters)) {
            store.addSchema(writer);
            Schema reader = readers.get(writer.getFullName());
            Result<AvroBodyReader> bodyReader = reader == null
                    ? DecodeErrors.unknownSchema("no current schema named " + writer.getFullName())
                    : AvroBodyReader.of(writer, reader);
            readersByFingerprint.put(SchemaNormalization.parsingFingerprint64(writer), bodyReader);
        }
    }

    private static List<Schema> concat(Collection<Schema> a, Collection<Schema> b) {
        List<Schema> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result<DecodedEvent> decode(byte[] value) {
        if (value.length < HEADER_LENGTH || value[0] != MAGIC_0 || value[1] != MAGIC_1) {
            return DecodeErrors.malformed("not Avro single-object encoding: expected C3 01 and an 8-byte fingerprint");
        }
        long fingerprint = fingerprint(value);
        if (store.findByFingerprint(fingerprint) == null) {
            return DecodeErrors.unknownSchema("unknown schema fingerprint " + Long.toHexString(fingerprint));
        }
        return readersByFingerprint.get(fingerprint).flatMap(r -> r.read(value, HEADER_LENGTH));
    }

    private static long fingerprint(byte[] value) {
        long fp = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            fp = fp << 8 | (value[i] & 0xff);
        }
        return fp;
    }
}
