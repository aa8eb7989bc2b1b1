package io.twinbridge.gateway.model;

import io.twinbridge.gateway.codec.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/** Navigation in Avro record schemas by dotted field path. */
final class AvroSchemaPaths {
    private AvroSchemaPaths() {
    }

    /** The schema of the field at {@code path}, with an optional-value union ({@code [null, T]}) unwrapped to T. */
    static Optional<Schema> resolve(Schema record, FieldPath path) {
        Schema current = record;
        for (int i = 0; i < path.size(); i++) {
            if (current.getType() != Schema.Type.RECORD) {
                return Optional.empty();
            }
            Schema.Field field = current.getField(path.segment(i));
            if (field == null) {
                return Optional.empty();
            }
            current = unwrapOptional(field.schema());
        }
        return Optional.of(current);
    }

    static boolean isOptional(Schema record, FieldPath path) {
        Schema current = record;
        for (int i = 0; i < path.size(); i++) {
            Schema.Field field = unwrapOptional(current).getField(path.segment(i));
            if (field == null) {
                return false;
            }
            if (field.schema().isNullable()) {
                return true;
            }
            current = field.schema();
        }
        return false;
    }

    static Schema unwrapOptional(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> nonNull = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        return nonNull.size() == 1 ? nonNull.get(0) : schema;
    }

    /** Every leaf field path (non-record after unwrapping), depth first, in declaration order. */
    static List<FieldPath> leaves(Schema record) {
        List<FieldPath> out = new ArrayList<>();
        collect(record, "", out);
        return out;
    }

    private static void collect(Schema record, String prefix, List<FieldPath> out) {
        for (Schema.Field f : record.getFields()) {
            String path = prefix + f.name();
            Schema s = unwrapOptional(f.schema());
            if (s.getType() == Schema.Type.RECORD) {
                collect(s, path + ".", out);
            } else {
                out.add(FieldPath.parse(path));
            }
        }
    }
}
