package io.twinbridge.gateway.codec;

import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;

import io.twinbridge.gateway.result.Result;

/**
 * Reads one Avro binary record body written with {@code writer} into the shape of {@code reader}, using Avro's schema
 * resolution. Thread-safe: {@link GenericDatumReader} keeps its resolver per thread.
 */
final class AvroBodyReader {
    private final Schema writer;
    private final GenericDatumReader<IndexedRecord> datumReader;

    private AvroBodyReader(Schema writer, Schema reader) {
        this.writer = writer;
        this.datumReader = new GenericDatumReader<>(writer, reader, GenericData.get());
    }

    /**
     * A reader for the pair, or a {@code decode.schema-violation} when Avro's compatibility rules say the writer's data
     * cannot be read as the reader schema (e.g. the reader has a field without default that the writer lacks).
     */
    static Result<AvroBodyReader> of(Schema writer, Schema reader) {
        if (writer.getType() != Schema.Type.RECORD) {
            return DecodeErrors.unknownSchema("writer schema " + writer.getFullName() + " is not a record");
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return DecodeErrors.schemaViolation("writer schema " + writer.getFullName()
                    + " cannot be read as the local schema: " + compatibility.getDescription());
        }
        return Result.ok(new AvroBodyReader(writer, reader));
    }

    Schema writer() {
        return writer;
    }

    /** Decodes the record starting at {@code offset}; the record must use up every byte that follows. */
    Result<DecodedEvent> read(byte[] value, int offset) {
        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(value, offset);
        IndexedRecord record;
        try {
            record = datumReader.read(null, decoder);
        } catch (IOException e) {
            return DecodeErrors.malformed("truncated Avro body (" + writer.getFullName() + "): " + e.getMessage());
        } catch (RuntimeException e) {
            // The body is untrusted input, and Avro reports invalid enum or union indexes, bad varints and the like
            // through assorted unchecked types (AvroRuntimeException, IndexOutOfBoundsException, ...).
            return DecodeErrors.malformed("invalid Avro body (" + writer.getFullName() + "): " + e);
        }
        if (decoder.remaining() != 0) {
            return DecodeErrors.malformed(decoder.remaining() + " trailing bytes after " + writer.getFullName());
        }
        return Result.ok(new DecodedEvent(record.getSchema().getFullName(), new AvroFields(record)));
    }
}
