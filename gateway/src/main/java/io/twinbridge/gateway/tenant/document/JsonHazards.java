package io.twinbridge.gateway.tenant.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * What a parsed JSON tree may hold that JSON itself allows but the rest of the gateway must never see: numbers that
 * do not fit a double ({@code 1e999999} parses to infinity, which the schema validator cannot read back), and
 * strings or member names with an unpaired UTF-16 surrogate ({@code "\ud800"}), which cannot be written as UTF-8 and
 * would turn into {@code ?} in the tenants file and the Ditto policy. Iterative, so any depth the parser let through
 * is fine.
 */
final class JsonHazards {
    private JsonHazards() {
    }

    /** The first hazard found, with its JSON pointer, or empty. */
    static Optional<DocumentProblem> find(JsonNode root) {
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", root));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> next = pending.pop();
            String pointer = next.getKey();
            JsonNode node = next.getValue();
            if (node.isNumber() && (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                return Optional.of(new DocumentProblem(pointer, "number out of range"));
            }
            if (node.isTextual() && hasLoneSurrogate(node.textValue())) {
                return Optional.of(new DocumentProblem(pointer, "string with an unpaired UTF-16 surrogate"));
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String child = pointer + "/" + JsonPointers.escape(field.getKey());
                    if (hasLoneSurrogate(field.getKey())) {
                        return Optional.of(new DocumentProblem(pointer, "member name with an unpaired UTF-16 "
                                + "surrogate"));
                    }
                    pending.push(Map.entry(child, field.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    pending.push(Map.entry(pointer + "/" + i, node.get(i)));
                }
            }
        }
        return Optional.empty();
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
