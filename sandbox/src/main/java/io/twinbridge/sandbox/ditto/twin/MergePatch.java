package io.twinbridge.sandbox.ditto.twin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;

/**
 * RFC 7396 merge as Ditto 3.9.6's {@code JsonMergePatch.applyOn} does it (json module): the target's field order is
 * kept (the result is built from the target's builder, so only the levels the patch touches are copied), a
 * {@code null} removes, and a key {@code "{{ ~regex~ }}": null} (or {@code /regex/}) removes every key of that level
 * matching the regex ({@code determineToBeNulledKeysByRegex}). The ditto-json 2.4.0 on the classpath rebuilds every
 * level and puts the patch's keys first; this class replaces it.
 */
final class MergePatch {

    private MergePatch() {
    }

    /** JsonMergePatch.mergeJsonValues(patch, target). */
    static JsonValue apply(final JsonValue patch, final JsonValue target) {
        if (patch.isObject() && target.isObject()) {
            return mergeObjects(patch.asObject(), target.asObject());
        }
        if (patch.isObject()) {
            return withoutNullFields(patch.asObject());
        }
        return patch;
    }

    /**
     * {@code object.filter(field -> !field.getValue().isNull())} (ditto-json's filter applies to nested objects too),
     * without building a copy when there is no null field at any level.
     */
    private static JsonObject withoutNullFields(final JsonObject object) {
        return hasNullField(object) ? object.filter(f -> !f.getValue().isNull()) : object;
    }

    private static boolean hasNullField(final JsonObject object) {
        for (final org.eclipse.ditto.json.JsonField field : object) {
            final JsonValue value = field.getValue();
            if (value.isNull() || value.isObject() && hasNullField(value.asObject())) {
                return true;
            }
        }
        return false;
    }

    private static JsonObject mergeObjects(final JsonObject patch, final JsonObject target) {
        if (patch.isNull()) {
            return JsonFactory.nullObject();
        }
        final JsonObjectBuilder builder = target.toBuilder();
        patch.forEach(field -> {
            final JsonKey key = field.getKey();
            final JsonValue value = field.getValue();
            final Optional<JsonValue> existing = target.getValue(key);
            if (value.isNull()) {
                builder.remove(key);
            } else if (existing.isPresent()) {
                builder.set(key, apply(value, existing.get()));
            } else if (value.isObject()) {
                builder.set(key, withoutNullFields(value.asObject()));
            } else {
                builder.set(field);
            }
        });
        final List<JsonKey> nulledByRegex = nulledByRegex(patch, target);
        for (final JsonKey key : nulledByRegex) {
            builder.remove(key);
            patch.getValue(key).ifPresent(v -> builder.set(key, v));
        }
        return builder.build();
    }

    private static List<JsonKey> nulledByRegex(final JsonObject patch, final JsonObject target) {
        List<JsonKey> nulled = List.of();
        for (final org.eclipse.ditto.json.JsonField field : patch) {
            final JsonKey keyRegex = field.getKey();
            if (!isRegexKey(keyRegex)) {
                continue;
            }
            if (nulled.isEmpty()) {
                nulled = new ArrayList<>();
            }
            final String inner = keyRegex.toString().substring(2, keyRegex.length() - 2).trim();
            if (inner.length() >= 2 && (inner.startsWith("~") && inner.endsWith("~")
                    || inner.startsWith("/") && inner.endsWith("/"))) {
                final Pattern pattern = Pattern.compile(inner.substring(1, inner.length() - 1));
                if (patch.getValue(keyRegex).filter(JsonValue::isNull).isPresent()) {
                    for (final org.eclipse.ditto.json.JsonField targetField : target) {
                        if (pattern.matcher(targetField.getKey()).matches()) {
                            nulled.add(targetField.getKey());
                        }
                    }
                }
            }
        }
        return nulled;
    }

    /** A key of the form {@code {{...}}}: JsonMergePatch.isEnclosedByCurlyBraces. */
    static boolean isRegexKey(final CharSequence key) {
        final String k = key.toString();
        return k.startsWith("{{") && k.endsWith("}}");
    }
}
