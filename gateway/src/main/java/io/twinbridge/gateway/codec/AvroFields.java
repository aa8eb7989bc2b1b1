package io.twinbridge.gateway.codec;

import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;

/**
 * {@link EventFields} over an Avro record. Nothing is copied up front: a lookup walks the path through the record and
 * normalises only the value it returns ({@code Utf8} and enum symbols to {@link String}, nested records to
 * {@link AvroFields}, arrays to a lazily converting {@link List}).
 */
public final class AvroFields implements EventFields {
    private final IndexedRecord record;

    public AvroFields(IndexedRecord record) {
        this.record = record;
    }

    /** The underlying record, for callers that want Avro's own view. */
    public IndexedRecord record() {
        return record;
    }

    @Override
    public Object get(FieldPath path) {
        FieldPath.AvroPositions cached = path.avroPositions();
        if (cached == null || cached.schema() != record.getSchema()) {
            cached = resolve(path, record.getSchema());
            path.avroPositions(cached);
        }
        return cached.byName() ? getByName(path) : getByPosition(cached.positions());
    }

    private Object getByPosition(int[] positions) {
        if (positions.length == 0) {
            return null;
        }
        IndexedRecord current = record;
        int last = positions.length - 1;
        for (int i = 0; i < last; i++) {
            Object child = current.get(positions[i]);
            if (!(child instanceof IndexedRecord nested)) {
                return null;
            }
            current = nested;
        }
        return normalise(current.get(positions[last]));
    }

    private Object getByName(FieldPath path) {
        IndexedRecord current = record;
        int last = path.size() - 1;
        for (int i = 0; i < last; i++) {
            Object child = field(current, path.segment(i));
            if (!(child instanceof IndexedRecord nested)) {
                return null;
            }
            current = nested;
        }
        return normalise(field(current, path.segment(last)));
    }

    /**
     * Field positions along the path, valid for every record of {@code root}'s schema as long as no step goes
     * through a union (whose branch may differ per record); such paths are walked by name instead.
     */
    private static FieldPath.AvroPositions resolve(FieldPath path, Schema root) {
        int[] positions = new int[path.size()];
        Schema schema = root;
        for (int i = 0; i < path.size(); i++) {
            if (schema.getType() == Schema.Type.UNION) {
                return new FieldPath.AvroPositions(root, new int[0], true);
            }
            Schema.Field field = schema.getType() == Schema.Type.RECORD ? schema.getField(path.segment(i)) : null;
            if (field == null) {
                return new FieldPath.AvroPositions(root, new int[0], false);
            }
            positions[i] = field.pos();
            schema = field.schema();
        }
        return new FieldPath.AvroPositions(root, positions, false);
    }

    private static Object field(IndexedRecord record, String name) {
        Schema.Field field = record.getSchema().getField(name);
        return field == null ? null : record.get(field.pos());
    }

    static Object normalise(Object value) {
        // Exact-class tests first: most values are boxed numbers, and each failed interface test below costs a scan
        // of the class's secondary supertypes.
        Class<?> type = value == null ? null : value.getClass();
        if (type == Double.class || type == Long.class || type == Integer.class || type == Boolean.class
                || type == Float.class) {
            return value;
        }
        if (type == Utf8.class || type == GenericData.EnumSymbol.class) {
            return value.toString();
        }
        if (type == GenericData.Array.class) {
            return new NormalisingList((List<?>) value);
        }
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
            return value.toString();
        }
        if (value instanceof IndexedRecord nested) {
            return new AvroFields(nested);
        }
        if (value instanceof List<?> list) {
            return new NormalisingList(list);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k.toString(), normalise(v)));
            return out;
        }
        if (value instanceof ByteBuffer bytes) {
            ByteBuffer copy = bytes.duplicate();
            byte[] out = new byte[copy.remaining()];
            copy.get(out);
            return out;
        }
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes().clone();
        }
        return value;
    }

    @Override
    public String toString() {
        return record.toString();
    }

    private static final class NormalisingList extends AbstractList<Object> {
        private final List<?> items;

        NormalisingList(List<?> items) {
            this.items = items;
        }

        @Override
        public Object get(int index) {
            return normalise(items.get(index));
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
