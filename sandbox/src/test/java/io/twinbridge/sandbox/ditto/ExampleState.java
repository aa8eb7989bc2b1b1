package io.twinbridge.sandbox.ditto;

import java.time.Instant;
import java.util.Optional;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;

import io.twinbridge.sandbox.ditto.twin.PolicyService;

/**
 * Puts into a store the state a protocol example needs: the thing or policy it addresses, with the addressed part
 * present (for modify, delete and retrieve) or absent (for the "created" answers).
 */
final class ExampleState {

    static final String ADMIN_LABEL = "SANDBOX_TEST_ADMIN";
    static final PolicyId THING_POLICY = PolicyId.of("org.eclipse.ditto:the_policy_id");

    private static final JsonObject RICH_THING = JsonFactory.newObject("""
            {"thingId":"x:y","policyId":"org.eclipse.ditto:the_policy_id",
             "definition":"org.eclipse.ditto:SomeModel:1.0.0",
             "attributes":{"location":{"latitude":44.673856,"longitude":8.261719}},
             "features":{"accelerometer":{"definition":["org.eclipse.ditto:accelerometer:1.0.0"],
               "properties":{"x":3.141,"y":2.718,"z":1,"unit":"g"},
               "desiredProperties":{"x":4,"y":3,"z":5,"unit":"g"}}}}""");

    private static final JsonObject ADMIN_ENTRY = JsonFactory.newObject("""
            {"subjects":{"nginx:ditto":{"type":"test"}},
             "resources":{"thing:/":{"grant":["READ","WRITE"],"revoke":[]},
                          "policy:/":{"grant":["READ","WRITE"],"revoke":[]}}}""");

    private ExampleState() {
    }

    static String entityId(final JsonObject message) {
        final String[] topic = message.getValueOrThrow(JsonFactory.newStringFieldDefinition("topic")).split("/");
        return topic[0] + ":" + topic[1];
    }

    static String action(final JsonObject message) {
        final String[] topic = message.getValueOrThrow(JsonFactory.newStringFieldDefinition("topic")).split("/");
        return topic[topic.length - 1];
    }

    static JsonPointer path(final JsonObject message) {
        return JsonPointer.of(message.getValue("path").map(JsonValue::asString).orElse("/"));
    }

    /** The examples mix thing ids (topic "fancy-thing", payload "fancy-thing_53"); the topic names the entity. */
    static JsonObject normalized(final JsonObject message) {
        final boolean isThing = message.getValue("topic").map(JsonValue::asString).orElse("").contains("/things/");
        if (!isThing || !path(message).isEmpty() || entityId(message).endsWith(":_")) {
            return message;
        }
        return message.getValue("value").filter(JsonValue::isObject).map(JsonValue::asObject)
                .filter(v -> v.contains("thingId"))
                .map(v -> message.setValue(JsonFactory.newKey("value"),
                        v.setValue(JsonFactory.newKey("thingId"), JsonValue.of(entityId(message)))))
                .orElse(message);
    }

    static JsonObject adminPolicy(final String policyId) {
        return JsonObject.newBuilder().set("policyId", policyId)
                .set("entries", JsonObject.newBuilder().set(ADMIN_LABEL, ADMIN_ENTRY).build()).build();
    }

    static void prepare(final SandboxStore store, final JsonObject command, final JsonObject response) {
        final Instant now = Instant.now();
        final int status = response.getValue("status").map(JsonValue::asInt).orElse(0);
        final String action = action(command);
        final JsonPointer path = path(command);
        if (command.getValue("topic").map(JsonValue::asString).orElse("").contains("/policies/")) {
            preparePolicy(store, command, response, now, status, action, path);
            return;
        }
        store.putPolicy(new SandboxStore.PolicyRecord(THING_POLICY, adminPolicy(THING_POLICY.toString()), 1, now,
                now));
        if ("create".equals(action) || status == 201 && path.isEmpty()) {
            return;
        }
        if (entityId(command).endsWith(":_")) {
            for (final JsonValue thing : response.getValue("value").orElseThrow().asArray()) {
                final ThingId id = ThingId.of(thing.asObject().getValue("thingId").orElseThrow().asString());
                store.putThing(new SandboxStore.ThingRecord(id, thing.asObject(), 1, now, now));
            }
            return;
        }
        final ThingId thingId = ThingId.of(entityId(command));
        JsonObject thing = RICH_THING.setValue(JsonFactory.newKey("thingId"), JsonValue.of(thingId.toString()));
        if ("retrieve".equals(action)) {
            final JsonValue expected = response.getValue("value").orElseThrow();
            thing = path.isEmpty() ? expected.asObject() : thing.setValue(path, expected);
        } else if (status == 201) {
            thing = thing.remove(path);
        }
        store.putThing(new SandboxStore.ThingRecord(thingId, thing, 7, now, now));
    }

    private static void preparePolicy(final SandboxStore store, final JsonObject command, final JsonObject response,
            final Instant now, final int status, final String action, final JsonPointer path) {
        if ("create".equals(action) || status == 201 && path.isEmpty()) {
            return;
        }
        final PolicyId policyId = PolicyId.of(entityId(command));
        final JsonPointer keys = PolicyService.keysOf(path, org.eclipse.ditto.base.model.headers.DittoHeaders.empty());
        final JsonObject example = Examples.read("policies/commands/query/retrievepolicyresponse.json")
                .getValue("value").orElseThrow().asObject();
        JsonObject policy = example.setValue(JsonPointer.of("/entries/" + ADMIN_LABEL), ADMIN_ENTRY)
                .setValue(JsonFactory.newKey("policyId"), JsonValue.of(policyId.toString()));
        if ("retrieve".equals(action)) {
            final JsonValue expected = response.getValue("value").orElseThrow();
            policy = keys.isEmpty() ? expected.asObject()
                    .setValue(JsonPointer.of("/entries/" + ADMIN_LABEL), ADMIN_ENTRY) : policy.setValue(keys, expected);
        } else if (status == 201) {
            policy = policy.remove(keys);
        }
        policy = policy.setValue(JsonPointer.of("/entries/" + ADMIN_LABEL), ADMIN_ENTRY);
        store.putPolicy(new SandboxStore.PolicyRecord(policyId, policy, 3, now, now));
    }

    /**
     * The command with the test's own admin entry added to a policy it creates or replaces (path {@code /} or
     * {@code /entries}). The examples' policies grant nobody WRITE on {@code policy:/}, so Ditto's lockout prevention
     * (PoliciesValidator) and its create enforcement (PolicyCommandEnforcement) would refuse them; the admin entry,
     * as in the prepared state, keeps them valid. {@link #withoutAdmin} removes it from the answer again.
     */
    static JsonObject withAdmin(final JsonObject command) {
        final boolean policy = command.getValue("topic").map(JsonValue::asString).orElse("").contains("/policies/");
        final Optional<JsonObject> value = command.getValue("value").filter(JsonValue::isObject)
                .map(JsonValue::asObject);
        if (!policy || value.isEmpty() || !("create".equals(action(command)) || "modify".equals(action(command)))) {
            return command;
        }
        final JsonPointer path = path(command);
        if (path.isEmpty()) {
            return command.setValue(JsonPointer.of("/value/entries/" + ADMIN_LABEL), ADMIN_ENTRY);
        }
        if ("/entries".equals(path.toString())) {
            return command.setValue(JsonPointer.of("/value/" + ADMIN_LABEL), ADMIN_ENTRY);
        }
        return command;
    }

    /** The response value without the test's own admin entry, which the examples do not have. */
    static JsonValue withoutAdmin(final JsonValue value, final JsonPointer path) {
        if (!value.isObject()) {
            return value;
        }
        if (path.isEmpty()) {
            return value.asObject().remove(JsonPointer.of("/entries/" + ADMIN_LABEL));
        }
        if ("/entries".equals(path.toString())) {
            return value.asObject().remove(JsonFactory.newKey(ADMIN_LABEL));
        }
        return value;
    }
}
