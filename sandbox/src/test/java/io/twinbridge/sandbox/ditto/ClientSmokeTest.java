package io.twinbridge.sandbox.ditto;

import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientSmokeTest {

    @Test
    void clientCreatesAndRetrievesAThing() throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            final DittoClient client = TestClients.connect(sandbox, "ditto", "ditto");
            try {
                final ThingId id = ThingId.of("org.example:smoke");
                final Thing created = client.twin().create(ThingsModelFactory.newThingBuilder().setId(id)
                        .setAttribute(org.eclipse.ditto.json.JsonPointer.of("a"),
                                org.eclipse.ditto.json.JsonValue.of(1)).build())
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals(id, created.getEntityId().orElseThrow());
                final Thing retrieved = client.twin().retrieve(id).toCompletableFuture().get(10, TimeUnit.SECONDS)
                        .get(0);
                assertEquals(1, retrieved.getAttributes().orElseThrow().getValue("a").orElseThrow().asInt());
            } finally {
                client.destroy();
            }
        }
    }
}
