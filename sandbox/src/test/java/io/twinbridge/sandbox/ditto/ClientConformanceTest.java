package io.twinbridge.sandbox.ditto;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.client.changes.ChangeAction;
import org.eclipse.ditto.client.changes.ThingChange;
import org.eclipse.ditto.client.options.Options;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A representative set of the protocol examples sent through ditto-client 2.4.0, the client the gateway uses. The
 * client itself checks topic, path and status when it maps each response to its command; the tests compare values.
 */
@Tag("flow")
class ClientConformanceTest {

    private static final ThingId THING = ThingId.of("org.eclipse.ditto:fancy-thing");

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults();
    private DittoClient client;

    @BeforeEach
    void start() throws Exception {
        client = TestClients.connect(ditto.get(), "ditto", "ditto");
    }

    @AfterEach
    void stop() {
        client.destroy();
    }

    private void prepare(final String commandFile, final String responseFile) {
        ExampleState.prepare(ditto.get().store(), ExampleState.normalized(Examples.read(commandFile)),
                ExampleState.normalized(Examples.read(responseFile)));
    }

    private static <T> T done(final CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static JsonValue exampleValue(final String file) {
        return ExampleState.normalized(Examples.read(file)).getValue("value").orElseThrow();
    }

    private JsonObject stored() {
        return ditto.get().store().thing(THING).orElseThrow().json();
    }

    @Test
    void createThing() throws Exception {
        prepare("things/commands/modify/creatething.json", "things/commands/modify/createthingresponse.json");
        final JsonObject command = exampleValue("things/commands/modify/creatething.json").asObject();

        final Thing created = done(client.twin().create(ThingsModelFactory.newThing(command)));

        assertEquals(exampleValue("things/commands/modify/createthingresponse.json"), created.toJson());
    }

    @Test
    void retrieveThing() throws Exception {
        prepare("things/commands/query/retrievething.json", "things/commands/query/retrievethingresponse.json");

        final List<Thing> things = done(client.twin().retrieve(THING));

        assertEquals(exampleValue("things/commands/query/retrievethingresponse.json"), things.get(0).toJson());
    }

    @Test
    void modifyAttributeCreatedAndModified() throws Exception {
        prepare("things/commands/modify/modifyattribute.json",
                "things/commands/modify/modifyattributeresponsecreated.json");
        final JsonObject command = Examples.read("things/commands/modify/modifyattribute.json");
        final JsonPointer path = JsonPointer.of(command.getValue("path").orElseThrow().asString());
        final JsonValue value = command.getValue("value").orElseThrow();
        final JsonPointer attribute = path.getSubPointer(1).orElseThrow();

        done(client.twin().forId(THING).putAttribute(attribute, value));
        done(client.twin().forId(THING).putAttribute(attribute, value));

        assertEquals(value, stored().getValue(path).orElseThrow());
    }

    @Test
    void mergeAndDeleteAttribute() throws Exception {
        prepare("things/commands/merge/mergeattribute.json", "things/commands/merge/mergeattributeresponse.json");
        final JsonObject command = Examples.read("things/commands/merge/mergeattribute.json");
        final JsonPointer path = JsonPointer.of(command.getValue("path").orElseThrow().asString());
        final JsonPointer attribute = path.getSubPointer(1).orElseThrow();

        done(client.twin().forId(THING).mergeAttribute(attribute, command.getValue("value").orElseThrow()));
        assertEquals(command.getValue("value").orElseThrow(), stored().getValue(path).orElseThrow());

        done(client.twin().forId(THING).deleteAttribute(attribute));
        assertFalse(stored().getValue(path).isPresent());
    }

    @Test
    void modifyFeatureProperty() throws Exception {
        prepare("things/commands/modify/modifyfeatureproperty.json",
                "things/commands/modify/modifyfeaturepropertyresponse.json");
        final JsonObject command = Examples.read("things/commands/modify/modifyfeatureproperty.json");

        done(client.twin().forFeature(THING, "accelerometer").putProperty(JsonPointer.of("x"),
                command.getValue("value").orElseThrow()));

        assertEquals(command.getValue("value").orElseThrow(),
                stored().getValue(JsonPointer.of(command.getValue("path").orElseThrow().asString())).orElseThrow());
    }

    @Test
    void createAndRetrievePolicy() throws Exception {
        final JsonObject value = exampleValue("policies/commands/modify/createpolicy.json").asObject();
        final Policy policy = PoliciesModelFactory.newPolicy(value)
                .setEntry(PoliciesModelFactory.newPolicyEntry(ExampleState.ADMIN_LABEL,
                        ExampleState.adminPolicy("x:y").getValue("entries/" + ExampleState.ADMIN_LABEL)
                                .orElseThrow().asObject()));

        final Policy created = done(client.policies().create(policy));
        final Policy retrieved = done(client.policies().retrieve(PolicyId.of("org.eclipse.ditto:the_policy_id")));

        assertEquals(policy.getEntryFor("the_label"), created.getEntryFor("the_label"));
        assertEquals(policy.getEntryFor("the_label"), retrieved.getEntryFor("the_label"));
    }

    @Test
    void changeCallbacksReceiveOtherSessionsChanges() throws Exception {
        prepare("things/commands/merge/mergeattribute.json", "things/commands/merge/mergeattributeresponse.json");
        final List<ThingChange> changes = new CopyOnWriteArrayList<>();
        client.twin().registerForThingChanges("all", changes::add);
        done(client.twin().startConsumption(Options.Consumption.namespaces("org.eclipse.ditto")));
        final long before = ditto.get().store().thing(THING).orElseThrow().revision();

        try (WsTestClient other = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            final JsonObject merge = Examples.read("things/commands/merge/mergeattribute.json");
            other.send(merge.toString());
            other.awaitText(t -> t.contains("\"status\":204"));
        }

        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !changes.isEmpty());
        assertEquals(ChangeAction.MERGED, changes.get(0).getAction());
        assertEquals(before + 1, changes.get(0).getRevision());
        assertEquals(THING, changes.get(0).getEntityId());
    }
}
