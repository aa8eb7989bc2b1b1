package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.ThingWriterKit.ACME;
import static io.twinbridge.gateway.ingest.ThingWriterKit.turbine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.model.FeatureModel;
import io.twinbridge.gateway.model.ThingModel;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11.9, the cause of "every new twin got a policy named after itself": Ditto 3.9 turns a merge of the whole
 * thing into a create when the thing is missing ({@code ModifyToCreateThingTransformer}), and a created thing whose
 * body names no policy gets Ditto's default policy, named after the thing. Ingest's first merge of a new device must
 * therefore not be a whole-thing merge: it must find the thing missing, so that the thing is provisioned with its
 * tenant's policy, its Thing Model and its attributes.
 */
class ThingWriterPolicyTest {
    private final ScheduledExecutorService pipeline = Executors.newSingleThreadScheduledExecutor();
    private final Ditto39Things ditto = new Ditto39Things();
    private final DittoPort port = ditto.port();
    private final ThingWriter writer = ThingWriterKit.writer(port, pipeline, Optional.empty());

    @AfterEach
    void stop() {
        pipeline.shutdownNow();
    }

    @Test
    void aNewDevicesTwinIsCreatedUnderItsTenantsPolicyNotUnderOneOfItsOwn() throws Exception {
        ditto.policies.put("acme:tenant-policy", JsonObject.newBuilder().set("policyId", "acme:tenant-policy").build());
        ThingModel turbine = turbine();
        FeatureModel feature = turbine.features().values().iterator().next();
        String property = feature.properties().keySet().iterator().next();
        TwinPatch patch = TwinPatch.builder("WTG-1", 1_000L).put(feature.featureId(), property, 1.5).build();

        WriteOutcome outcome = writer.write("acme:WTG-1", new TwinUpdate(ACME, turbine, patch, "c-1"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertInstanceOf(WriteOutcome.Applied.class, outcome);
        JsonObject thing = ditto.things.get("acme:WTG-1");
        assertEquals("acme:tenant-policy", thing.getValue("policyId").orElseThrow().asString());
        assertFalse(ditto.policies.containsKey("acme:WTG-1"), "no policy named after the thing");
        assertTrue(thing.getValue("definition").isPresent(), "provisioned with its Thing Model");
        assertEquals(1.5, thing.getValue("features/" + feature.featureId() + "/properties/" + property)
                .orElseThrow().asDouble());
    }
}
