package io.twinbridge.launcher.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * The reference decode: find the writer schema by the single-object fingerprint, then Avro's
 * {@link GenericDatumReader} into a GenericRecord. Nothing else: no validation, no mapping.
 */
final class RawDecoder {
    private static final int HEADER = 10;
    private final Map<Long, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private BinaryDecoder reuse;

    RawDecoder(List<Schema> schemas) {
        for (Schema schema : schemas) {
            readers.put(SchemaNormalization.parsingFingerprint64(schema), new GenericDatumReader<>(schema));
        }
    }

    /** Decodes and returns a value derived from the record, so the work cannot be skipped. */
    long decode(byte[] value) {
        long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        GenericDatumReader<GenericRecord> reader = readers.get(fingerprint);
        if (reader == null) {
            throw new IllegalStateException("unknown fingerprint " + fingerprint);
        }
        reuse = DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, reuse);
        try {
            return reader.read(null, reuse).getSchema().getFields().size();
        } catch (IOException e) {
            throw new IllegalStateException("raw decode failed", e);
        }
    }
}
