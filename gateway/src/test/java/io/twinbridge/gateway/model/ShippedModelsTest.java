package io.twinbridge.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShippedModelsTest {
    private static final ModelRegistry REGISTRY = ModelRegistry.fromClasspath();

    @Test
    void allFourKindsAreBound() {
        assertEquals(Set.of("turbine", "robot", "hvac", "vehicle"), REGISTRY.kinds());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "turbine | twinbridge.telemetry.TurbineTelemetry | rotor,generator,nacelle,environment,status",
            "robot   | twinbridge.telemetry.RobotTelemetry   | joints,tool,controller,health",
            "hvac    | twinbridge.telemetry.HvacTelemetry    | supplyAir,returnAir,setpoints,compressor,filter",
            "vehicle | twinbridge.telemetry.VehicleTelemetry | location,powertrain,diagnostics,cabin"})
    void featuresPerKind(String kind, String schema, String features) {
        assertEquals(List.of(features.split(",")), REGISTRY.features(kind));
        BoundModel bound = REGISTRY.bySchema(schema).orElseThrow();
        assertEquals(kind, bound.binding().kind());
        assertEquals("/models/" + kind + "/" + kind + "-1.0.0.tm.jsonld", bound.model().path());
        assertEquals("1.0.0", bound.model().version());
    }

    @Test
    void everyModelAndSubmodelIsServedAtItsStablePath() {
        for (BoundModel bound : REGISTRY.boundModels()) {
            assertTrue(REGISTRY.document(bound.model().path()).orElseThrow().text().contains("tm:ThingModel"));
            for (FeatureModel feature : bound.model().features().values()) {
                assertTrue(REGISTRY.document(feature.path()).isPresent(), feature.path());
            }
        }
        assertEquals(4 + 5 + 4 + 5 + 4, REGISTRY.documentPaths().size());
        assertFalse(REGISTRY.document("/models/turbine/unknown.tm.jsonld").isPresent());
    }

    @Test
    void allAvroSchemasAreAvailableForTheCodecs() {
        assertEquals(Set.of("twinbridge.telemetry.TurbineTelemetry", "twinbridge.telemetry.RobotTelemetry",
                        "twinbridge.telemetry.HvacTelemetry", "twinbridge.telemetry.VehicleTelemetry",
                        "twinbridge.twin.TwinChangeEvent", "twinbridge.command.DeviceCommand"),
                REGISTRY.avroSchemas().keySet());
    }

    @Test
    void hvacSetpointsAreWritableAndHaveCommands() {
        BoundModel hvac = REGISTRY.byKind("hvac").orElseThrow();
        FeatureModel setpoints = hvac.model().feature("setpoints").orElseThrow();
        assertEquals(List.of("targetTemperature", "fanMode"),
                setpoints.writableProperties().stream().map(PropertySpec::name).toList());
        assertEquals("setTargetTemperature",
                hvac.binding().command("setpoints", "targetTemperature").orElseThrow().command());
        assertEquals("fanMode", hvac.binding().command("setpoints", "fanMode").orElseThrow().parameter());
    }

    @Test
    void onlyHvacHasWritableProperties() {
        for (String kind : List.of("turbine", "robot", "vehicle")) {
            REGISTRY.byKind(kind).orElseThrow().model().features().values()
                    .forEach(f -> assertTrue(f.writableProperties().isEmpty(), kind + "/" + f.featureId()));
        }
    }

    @Test
    void constraintsAreReadFromTheModel() {
        PropertySpec speed = REGISTRY.byKind("turbine").orElseThrow().model().feature("rotor").orElseThrow()
                .property("speed").orElseThrow();
        assertEquals(JsonType.NUMBER, speed.type());
        assertEquals(0.0, speed.minimum().orElseThrow());
        assertEquals(25.0, speed.maximum().orElseThrow());
        assertEquals("rpm", speed.unit().orElseThrow());
        assertTrue(speed.readOnly());
        assertTrue(speed.required());
    }
}
