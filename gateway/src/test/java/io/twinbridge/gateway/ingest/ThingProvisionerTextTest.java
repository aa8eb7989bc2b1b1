package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.ThingWriterKit.ACME;
import static io.twinbridge.gateway.ingest.ThingWriterKit.turbine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.ditto.PreRenderedJsonObject;
import io.twinbridge.gateway.mapping.TimedValue;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The new thing rendered as text is, as JSON, the thing the ditto-json tree builds: the update's features with their
 * values and {@code sourceTs} merged over the model's empty features, definition, attributes and policy.
 */
class ThingProvisionerTextTest {
    private static final TenantSettings NO_POLICY = new TenantSettings(TenantId.of("globex"), "globex",
            CodecKind.AUTO, Optional.empty());

    static Stream<Arguments> updates() {
        TwinPatch event = TwinPatch.builder("WTG-1", 2_000L)
                .put("rotor", "speedRpm", new TimedValue(12.5, 2_000L))
                .put("generator", "power", new TimedValue(736, 2_000L))
                .put("generator", "state", new TimedValue("on \"full\" \u00e9\n", 2_000L))
                .put("generator", "ok", new TimedValue(true, 2_000L))
                .put("generator", "phases", new TimedValue(List.of(1.5, 2L, "x"), 2_000L)).build();
        TwinPatch coalesced = TwinPatch.builder("WTG-2", 5_000L)
                .put("rotor", "speedRpm", new TimedValue(13.0, 4_000L))
                .put("rotor", "pitchDeg", new TimedValue(2.25, 5_000L))
                .put("generator", "power", new TimedValue(1_000_000_000_000L, 3_000L)).build();
        TwinPatch outsideTheModel = TwinPatch.builder("WTG-3", 1L)
                .put("extra", "note", new TimedValue("kept", 1L)).build();
        TwinPatch oddKey = TwinPatch.builder("WTG-4", 1L)
                .put("rotor", "/nested/key", new TimedValue(1, 1L)).build();
        TwinPatch valueWithoutText = TwinPatch.builder("WTG-5", 7L)
                .put("rotor", "speedRpm", new TimedValue(1.0, 7L))
                .put("rotor", "label", new TimedValue(new Object() {
                    @Override
                    public String toString() {
                        return null;
                    }
                }, 7L)).build();
        return Stream.of(Arguments.of("acme:WTG-1", ACME, event), Arguments.of("acme:WTG-2", ACME, coalesced),
                Arguments.of("globex:WTG-3", NO_POLICY, outsideTheModel), Arguments.of("acme:WTG-4", ACME, oddKey),
                Arguments.of("acme:WTG-5", ACME, valueWithoutText));
    }

    @ParameterizedTest
    @MethodSource("updates")
    void theTextIsTheThingTheTreeBuilds(String thingId, TenantSettings tenant, TwinPatch patch) {
        ThingProvisioner provisioner = new ThingProvisioner("http://gw:8088/");
        TwinUpdate update = new TwinUpdate(tenant, turbine(), patch, "c");

        JsonObject thing = provisioner.newThing(thingId, update);
        JsonObject tree = provisioner.newThingTree(thingId, update);

        assertEquals(tree, JsonFactory.newObject(thing.toString()));
        if (!thingId.equals("acme:WTG-4")) {
            assertInstanceOf(PreRenderedJsonObject.class, thing, "rendered as text");
        }
    }
}
