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
            return patch.asObject().filter(field -> !field.getValue().isNull());
        }
        return patch;
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
                builder.set(key, value.asObject().filter(f -> !f.getValue().isNull()));
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
        final List<JsonKey> nulled = new ArrayList<>();
        for (final JsonKey keyRegex : patch.getKeys()) {
            if (!isRegexKey(keyRegex)) {
                continue;
            }
            final String inner = keyRegex.toString().substring(2, keyRegex.length() - 2).trim();
            if (inner.length() >= 2 && (inner.startsWith("~") && inner.endsWith("~")
                    || inner.startsWith("/") && inner.endsWith("/"))) {
                final Pattern pattern = Pattern.compile(inner.substring(1, inner.length() - 1));
                if (patch.getValue(keyRegex).filter(JsonValue::isNull).isPresent()) {
                    target.getKeys().stream().filter(key -> pattern.matcher(key).matches()).forEach(nulled::add);
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
