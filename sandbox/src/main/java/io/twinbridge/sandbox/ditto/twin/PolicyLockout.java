package io.twinbridge.sandbox.ditto.twin;

import java.util.HashSet;
import java.util.Set;

import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * Ditto's lockout prevention, as {@code PoliciesValidator} (policies/api) of Ditto 3.9.6 applies it after every
 * create, modify or delete inside a policy: the resulting policy must keep at least one permanent subject (one
 * without {@code expiry}) that is granted, and not revoked, WRITE on exactly {@code policy:/}. It does not matter
 * which subject makes the change. A policy with {@code imports} is not checked (the validator cannot load them).
 */
final class PolicyLockout {

    private static final String ROOT = "policy:/";
    private static final String WRITE = "WRITE";

    private PolicyLockout() {
    }

    /** Whether the policy still lets someone change it, with Ditto's rule. */
    static boolean keepsAnAdministrator(final JsonObject policy) {
        if (policy.getValue("imports").filter(JsonValue::isObject).map(v -> !v.asObject().isEmpty()).orElse(false)) {
            return true;
        }
        final Set<String> granted = new HashSet<>();
        final Set<String> revoked = new HashSet<>();
        final JsonObject entries = policy.getValue("entries").filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElse(JsonObject.empty());
        for (final JsonField entry : entries) {
            if (!entry.getValue().isObject()) {
                continue;
            }
            final JsonObject json = entry.getValue().asObject();
            final JsonObject root = json.getValue("resources").filter(JsonValue::isObject)
                    .flatMap(r -> r.asObject().getValue(org.eclipse.ditto.json.JsonFactory.newKey(ROOT)))
                    .filter(JsonValue::isObject).map(JsonValue::asObject).orElse(JsonObject.empty());
            final JsonObject subjects = json.getValue("subjects").filter(JsonValue::isObject)
                    .map(JsonValue::asObject).orElse(JsonObject.empty());
            if (contains(root, "grant")) {
                subjects.forEach(s -> {
                    final boolean permanent = !s.getValue().isObject() || !s.getValue().asObject().contains("expiry");
                    if (permanent) {
                        granted.add(s.getKeyName());
                    }
                });
            }
            if (contains(root, "revoke")) {
                subjects.forEach(s -> revoked.add(s.getKeyName()));
            }
        }
        granted.removeAll(revoked);
        return !granted.isEmpty();
    }

    private static boolean contains(final JsonObject resource, final String list) {
        return resource.getValue(list).filter(JsonValue::isArray)
                .map(a -> a.asArray().contains(JsonValue.of(WRITE))).orElse(false);
    }
}
