package io.twinbridge.gateway.wot;

import java.util.List;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/** The JSON Schema (draft 7) keywords of a WoT data schema that our models use, as a validator applies them. */
final class JsonSchemaCheck {
    private JsonSchemaCheck() {
    }

    static void check(JsonObject schema, JsonValue value, String where, List<String> out) {
        String type = schema.getValue("type").map(JsonValue::asString).orElse("");
        boolean typeOk = switch (type) {
            case "integer" -> value.isLong() || value.isInt();
            case "number" -> value.isNumber();
            case "string" -> value.isString();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "null" -> value.isNull();
            default -> true;
        };
        if (!typeOk) {
            out.add(where + ": " + value + " is not of type " + type);
            return;
        }
        schema.getValue("const").filter(c -> !same(c, value))
                .ifPresent(c -> out.add(where + ": " + value + " is not the constant " + c));
        schema.getValue("enum").map(JsonValue::asArray).filter(e -> e.stream().noneMatch(v -> same(v, value)))
                .ifPresent(e -> out.add(where + ": " + value + " is not one of " + e));
        if (value.isNumber()) {
            double d = value.asDouble();
            schema.getValue("minimum").filter(m -> d < m.asDouble())
                    .ifPresent(m -> out.add(where + ": " + value + " is below the minimum " + m));
            schema.getValue("maximum").filter(m -> d > m.asDouble())
                    .ifPresent(m -> out.add(where + ": " + value + " is above the maximum " + m));
        }
        if (value.isArray()) {
            JsonArray array = value.asArray();
            schema.getValue("minItems").filter(m -> array.getSize() < m.asInt())
                    .ifPresent(m -> out.add(where + ": " + array.getSize() + " items, fewer than " + m));
            schema.getValue("maxItems").filter(m -> array.getSize() > m.asInt())
                    .ifPresent(m -> out.add(where + ": " + array.getSize() + " items, more than " + m));
            schema.getValue("items").filter(JsonValue::isObject).ifPresent(items -> {
                for (int i = 0; i < array.getSize(); i++) {
                    check(items.asObject(), array.get(i).orElseThrow(), where + "/" + i, out);
                }
            });
        }
        if (value.isObject()) {
            JsonObject obj = value.asObject();
            schema.getValue("required").map(JsonValue::asArray).ifPresent(r -> r.forEach(k -> {
                if (!obj.contains(k.asString())) {
                    out.add(where + ": required field '" + k.asString() + "' not found");
                }
            }));
            schema.getValue("properties").map(JsonValue::asObject).ifPresent(p -> p.forEach(f ->
                    obj.getValue(f.getKey()).ifPresent(v ->
                            check(f.getValue().asObject(), v, where + "/" + f.getKey(), out))));
        }
    }

    /** JSON equality with numbers compared by value, as JSON Schema does (1 equals 1.0). */
    private static boolean same(JsonValue a, JsonValue b) {
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        return a.equals(b);
    }
}
