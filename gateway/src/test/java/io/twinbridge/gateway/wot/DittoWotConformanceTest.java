package io.twinbridge.gateway.wot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.DecodedEvent;
import io.twinbridge.gateway.codec.SingleObjectAvroCodec;
import io.twinbridge.gateway.ingest.ThingProvisioner;
import io.twinbridge.gateway.ingest.TwinUpdate;
import io.twinbridge.gateway.mapping.TelemetryMappers;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.model.ModelDocument;
import io.twinbridge.gateway.model.ModelLinks;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.model.ThingModel;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import io.twinbridge.sandbox.fleet.AssetKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonMergePatch;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * Every shipped model survives Ditto's WoT handling under the compose settings: the thing the gateway creates,
 * merged with the skeleton Ditto generates from the model, and then every merge the gateway sends for real simulator
 * records (and the HVAC operator's desired setpoints, and egress clearing them) pass Ditto's Thing Model validation.
 * The models are read as the gateway serves them, so a relative link or a missing default fails here first.
 */
class DittoWotConformanceTest {
    private static final String BASE = "http://twinbridge:8088";
    private static final ModelRegistry MODELS = ModelRegistry.fromClasspath();
    private static final Function<URL, JsonObject> SERVED = DittoWotConformanceTest::served;
    private static final TenantSettings TENANT = new TenantSettings(TenantId.of("acme"), "acme", CodecKind.AUTO,
            Optional.of("acme:twins"));

    private final DittoSkeleton skeleton = new DittoSkeleton(SERVED);
    private final DittoTmValidation ditto = new DittoTmValidation(SERVED, DittoTmValidation.Settings.COMPOSE);
    private final ThingProvisioner provisioner = new ThingProvisioner(BASE);
    private final TelemetryMappers mappers = TelemetryMappers.compile(MODELS);
    private final SingleObjectAvroCodec codec = new SingleObjectAvroCodec(MODELS.avroSchemas().values());

    /** Ditto's HTTP GET of a model URL, answered from what the gateway's /models routes serve. */
    private static JsonObject served(URL url) {
        String path = url.toString().startsWith(BASE) ? url.toString().substring(BASE.length()) : "";
        ModelDocument doc = MODELS.document(path)
                .orElseThrow(() -> new IllegalArgumentException("WotThingModelNotAccessibleException: " + url));
        return JsonFactory.readFrom(new String(ModelLinks.absolute(doc, BASE), StandardCharsets.UTF_8)).asObject();
    }

    @Test
    void everyModelsThingIsCreatedAndEveryMergeOfSimulatedRecordsIsAccepted() {
        assertEquals(Set.of("turbine", "robot", "hvac", "vehicle"), MODELS.kinds());
        int merges = 0;
        for (AssetKind kind : AssetKind.values()) {
            List<TwinPatch> patches = simulatedPatches(kind, 12);
            ThingModel model = MODELS.bySchema(kind.schemaFullName()).orElseThrow().model();
            String thingId = "acme:" + patches.get(0).deviceId();
            JsonObject thing = created(thingId, new TwinUpdate(TENANT, model, patches.get(0), "c-1"));
            assertEquals(List.of(), ditto.violations(thing), () -> "creation of " + kind);
            assertEquals(Set.copyOf(model.featureIds()), keys(thing.getValue("features").orElseThrow().asObject()));
            for (TwinPatch patch : patches) {
                thing = merge(thing, patch.toMergePatch());
                assertEquals(List.of(), ditto.violations(thing), () -> "merge of " + kind + ": " + patch);
                merges++;
            }
            for (String feature : model.featureIds()) {
                assertTrue(thing.getValue(JsonPointer.of("/features/" + feature + "/properties/sourceTs")).isPresent(),
                        () -> kind + "/" + feature + " was never written by the simulated records");
            }
        }
        assertEquals(4 * 12, merges);
    }

    @Test
    void operatorDesiredSetpointsAndTheirClearingAreAccepted() {
        TwinPatch patch = simulatedPatches(AssetKind.HVAC, 1).get(0);
        ThingModel hvac = MODELS.byKind("hvac").orElseThrow().model();
        JsonObject thing = merge(created("acme:" + patch.deviceId(), new TwinUpdate(TENANT, hvac, patch, "c")),
                patch.toMergePatch());
        JsonObject desired = merge(thing, JsonFactory.readFrom(
                "{\"features\":{\"setpoints\":{\"desiredProperties\":{\"targetTemperature\":22.5,\"fanMode\":\"HIGH\"}}}}")
                .asObject());
        assertEquals(List.of(), ditto.violations(desired));
        JsonObject cleared = merge(desired, JsonObject.empty()
                .setValue(JsonPointer.of("/features/setpoints/desiredProperties/fanMode"), JsonFactory.nullLiteral()));
        assertEquals(List.of(), ditto.violations(cleared));
        assertFalse(cleared.getValue(JsonPointer.of("/features/setpoints/desiredProperties/fanMode")).isPresent());

        JsonObject outOfRange = merge(thing, JsonFactory.readFrom(
                "{\"features\":{\"setpoints\":{\"desiredProperties\":{\"targetTemperature\":40}}}}").asObject());
        assertEquals(1, ditto.violations(outOfRange).size(), () -> ditto.violations(outOfRange).toString());
    }

    @Test
    void theSkeletonGivesEveryRequiredPropertyItsDefaultAndLeavesSourceTsAbsent() {
        JsonObject turbine = skeleton.thing(BASE + MODELS.byKind("turbine").orElseThrow().model().path());
        assertEquals(JsonValue.of("STOPPED"), turbine.getValue(JsonPointer.of("/features/status/properties/state")).orElseThrow());
        assertEquals(JsonValue.of(90), turbine.getValue(JsonPointer.of("/features/rotor/properties/pitchAngle")).orElseThrow());
        assertEquals(JsonValue.of(BASE + "/models/turbine/turbine-rotor-1.0.0.tm.jsonld"),
                turbine.getValue(JsonPointer.of("/features/rotor/definition")).orElseThrow().asArray().get(0)
                        .orElseThrow());
        assertFalse(turbine.getValue(JsonPointer.of("/features/status/properties/faultCode")).isPresent());
        assertFalse(turbine.getValue(JsonPointer.of("/features/rotor/properties/sourceTs")).isPresent(),
                "absent sourceTs is what lets the first merge pass the freshness condition");
    }

    @Test
    void withoutDefaultsDittosNeutralValuesWouldFailTheEnumsAndRelativeLinksCannotBeResolved() {
        // the checks can fail: a turbine status skeleton made of neutral values, as before the models had defaults
        String definition = BASE + MODELS.byKind("turbine").orElseThrow().model().path();
        JsonObject neutral = skeleton.thing(definition).setValue("definition", definition)
                .setValue(JsonPointer.of("/features/status/properties/state"), JsonValue.of(""));
        assertTrue(ditto.violations(neutral).stream().anyMatch(v -> v.startsWith("/features/status/properties/state")),
                () -> ditto.violations(neutral).toString());
        JsonObject undeclared = neutral.setValue(JsonPointer.of("/features/status/properties/state"),
                JsonValue.of("STOPPED")).setValue(JsonPointer.of("/features/status/properties/ts"), JsonValue.of(1));
        assertEquals(List.of("/features/status/properties/ts: not defined in the model"), ditto.violations(undeclared));

        // the files as shipped link their submodels relatively, which Ditto's resolver refuses
        ModelDocument shipped = MODELS.document("/models/turbine/turbine-1.0.0.tm.jsonld").orElseThrow();
        DittoSkeleton unresolved = new DittoSkeleton(url ->
                JsonFactory.readFrom(shipped.text()).asObject());
        assertThrows(IllegalArgumentException.class, () -> unresolved.thing(BASE + shipped.path()));
    }

    /** What Ditto persists on CreateThing: the command's thing merged over the skeleton (the command wins). */
    private JsonObject created(String thingId, TwinUpdate update) {
        JsonObject command = provisioner.newThing(thingId, update);
        JsonObject generated = skeleton.thing(command.getValue("definition").orElseThrow().asString());
        return JsonFactory.mergeJsonValues(command, generated).asObject();
    }

    /** What Ditto validates on MergeThing at the thing root: the existing thing with the RFC 7386 patch applied. */
    private static JsonObject merge(JsonObject thing, JsonObject patch) {
        return JsonMergePatch.of(JsonPointer.empty(), patch).applyOn(thing).asObject();
    }

    private List<TwinPatch> simulatedPatches(AssetKind kind, int count) {
        FleetOptions options = FleetOptions.defaults().withTenants(List.of("acme")).withDevicesPerKind(1)
                .withKinds(Set.of(kind));
        return new FleetSimulator(options).stream().limit(count).map(SimRecord::value).map(bytes -> {
            Result<DecodedEvent> decoded = codec.decode(bytes);
            assertTrue(decoded.isOk(), () -> decoded.failure().toString());
            Result<TwinPatch> mapped = mappers.map(decoded.value());
            assertTrue(mapped.isOk(), () -> mapped.failure().toString());
            return mapped.value();
        }).toList();
    }

    private static Set<String> keys(JsonObject o) {
        return Set.copyOf(o.getKeys().stream().map(Object::toString).toList());
    }
}
