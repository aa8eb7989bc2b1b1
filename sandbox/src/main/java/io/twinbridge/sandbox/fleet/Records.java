package io.twinbridge.sandbox.fleet;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Small helpers to build Avro records by field name. */
final class Records {
    private Records() {
    }

    static GenericData.Record nested(Schema parent, String field) {
        return new GenericData.Record(nonNull(parent.getField(field).schema()));
    }

    static GenericData.EnumSymbol symbol(Schema record, String field, String symbol) {
        return new GenericData.EnumSymbol(nonNull(record.getField(field).schema()), symbol);
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
