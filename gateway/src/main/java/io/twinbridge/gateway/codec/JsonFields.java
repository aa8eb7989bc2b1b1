package io.twinbridge.gateway.codec;

import java.util.AbstractList;
import java.util.List;

import org.apache.avro.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link EventFields} over a JSON object. Values are normalised to the type of the Avro field of the same name, so the
 * mapping sees the same Java types whatever the encoding: {@code 12} in a {@code double} field is a {@link Double},
 * an epoch-millis {@code timestamp} is a {@link Long}. Fields the Avro schema does not know are normalised by their
 * JSON type alone. Conversion happens on lookup only.
 */
public final class JsonFields implements EventFields {
    /** A record without fields: everything under it is converted by JSON type alone. */
    private static final Schema UNTYPED = Schema.createRecord("Untyped", null, "twinbridge.json", false, List.of());

    private final ObjectNode node;
    private final Schema recordSchema;

    public JsonFields(ObjectNode node, Schema recordSchema) {
        this.node = node;
        this.recordSchema = recordSchema;
    }

    @Override
    public Object get(FieldPath path) {
        ObjectNode current = node;
        Schema schema = recordSchema;
        int last = path.size() - 1;
        for (int i = 0; i < last; i++) {
            JsonNode child = current.get(path.segment(i));
            if (child == null || !child.isObject()) {
                return null;
            }
            schema = recordOf(fieldSchema(schema, path.segment(i)));
            current = (ObjectNode) child;
        }
        String name = path.segment(last);
        return convert(current.get(name), fieldSchema(schema, name));
    }

    private static Schema fieldSchema(Schema record, String name) {
        Schema.Field field = record.getField(name);
        return field == null ? UNTYPED : field.schema();
    }

    private static Schema recordOf(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() == Schema.Type.RECORD) {
                    return branch;
                }
            }
        }
        return UNTYPED;
    }

    static Object convert(JsonNode value, Schema schema) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        switch (schema.getType()) {
            case UNION:
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL && fits(value, branch)) {
                        return convert(value, branch);
                    }
                }
                return untyped(value);
            case RECORD:
                return value.isObject() ? new JsonFields((ObjectNode) value, schema) : untyped(value);
            case ARRAY:
                return value.isArray() ? new ConvertingList((ArrayNode) value, schema.getElementType()) : untyped(value);
            default:
                return fits(value, schema) ? scalar(value, schema.getType()) : untyped(value);
        }
    }

    private static boolean fits(JsonNode value, Schema schema) {
        return switch (schema.getType()) {
            case INT -> value.isIntegralNumber() && value.canConvertToInt();
            case LONG -> value.isIntegralNumber() && value.canConvertToLong();
            case FLOAT, DOUBLE -> value.isNumber();
            case STRING, ENUM -> value.isTextual();
            case BOOLEAN -> value.isBoolean();
            case RECORD, MAP -> value.isObject();
            case ARRAY -> value.isArray();
            default -> false;
        };
    }

    private static Object scalar(JsonNode value, Schema.Type type) {
        return switch (type) {
            case INT -> value.intValue();
            case LONG -> value.longValue();
            case FLOAT -> value.floatValue();
            case DOUBLE -> value.doubleValue();
            case BOOLEAN -> value.booleanValue();
            default -> value.textValue();
        };
    }

    private static Object untyped(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? (Object) value.intValue() : (Object) value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isArray()) {
            return new ConvertingList((ArrayNode) value, UNTYPED);
        }
        if (value.isObject()) {
            return new JsonFields((ObjectNode) value, UNTYPED);
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return node.toString();
    }

    private static final class ConvertingList extends AbstractList<Object> {
        private final ArrayNode items;
        private final Schema itemSchema;

        ConvertingList(ArrayNode items, Schema itemSchema) {
            this.items = items;
            this.itemSchema = itemSchema;
        }

        @Override
        public Object get(int index) {
            return itemSchema == UNTYPED ? untyped(items.get(index)) : convert(items.get(index), itemSchema);
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
