package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.codec.DecodedEvent;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TelemetryMappingTest {
    private static TelemetryMappers mappers;

    @BeforeAll
    static void compile() {
        mappers = TelemetryMappers.compile(ModelRegistry.fromClasspath());
    }

    private static TwinPatch ok(DecodedEvent event) {
        Result<TwinPatch> result = mappers.map(event);
        assertTrue(result.isOk(), () -> result.failure().toString());
        return result.value();
    }

    @Test
    void turbineEventBecomesMergePatchWithPerFeatureSourceTimestamp() {
        TwinPatch patch = ok(SampleEvents.event("TurbineTelemetry", SampleEvents.turbine()));

        assertEquals("WTG-07", patch.deviceId());
        assertEquals(SampleEvents.TS, patch.sourceTimestamp());
        JsonObject expected = JsonFactory.readFrom("""
                {"features":{
                  "rotor":{"properties":{"speed":12.3,"pitchAngle":1.5,"sourceTs":1717171717000}},
                  "generator":{"properties":{"power":2150.0,"temperature":78.4,"sourceTs":1717171717000}},
                  "nacelle":{"properties":{"yaw":245.0,"vibration":2.8,"sourceTs":1717171717000}},
                  "environment":{"properties":{"windSpeed":9.6,"windDirection":250.0,"sourceTs":1717171717000}},
                  "status":{"properties":{"state":"PRODUCING","sourceTs":1717171717000}}}}""").asObject();
        assertEquals(expected, patch.toMergePatch());
    }

    @Test
    void robotJointAnglesAreConvertedFromRadiansToDegrees() {
        TwinPatch patch = ok(SampleEvents.event("RobotTelemetry", SampleEvents.robot()));

        @SuppressWarnings("unchecked")
        List<Double> angles = (List<Double>) patch.value("joints", "axisAngles").orElseThrow();
        assertEquals(6, angles.size());
        assertEquals(90.0, angles.get(1), 1e-9);
        assertEquals(-45.0, angles.get(2), 1e-9);
        assertEquals(-171.887, angles.get(5), 1e-3);
        assertEquals(1_234_567L, patch.value("controller", "cycleCount").orElseThrow());
        assertEquals("AUTO", patch.value("controller", "mode").orElseThrow());
        assertEquals(5400, patch.value("controller", "cycleTime").orElseThrow());
        assertEquals(Set.of("joints", "tool", "controller", "health"), patch.featureIds());
    }

    @Test
    void hvacReportedSetpointsMapToSetpointProperties() {
        TwinPatch patch = ok(SampleEvents.event("HvacTelemetry", SampleEvents.hvac()));

        assertEquals(21.5, patch.value("setpoints", "targetTemperature").orElseThrow());
        assertEquals("AUTO", patch.value("setpoints", "fanMode").orElseThrow());
        assertEquals(780, patch.value("returnAir", "co2").orElseThrow());
        assertEquals(false, patch.value("filter", "replaceRequired").orElseThrow());
    }

    @Test
    void vehicleSpeedAndOdometerAreConvertedAndAbsentOptionalsAreLeftOut() {
        TwinPatch patch = ok(SampleEvents.event("VehicleTelemetry", SampleEvents.vehicle()));

        assertEquals(50.04, (Double) patch.value("location", "speed").orElseThrow(), 1e-9);
        assertEquals(48_213.5, (Double) patch.value("diagnostics", "odometer").orElseThrow(), 1e-9);
        assertEquals(List.of("P0301"), patch.value("diagnostics", "dtcCodes").orElseThrow());
        assertFalse(patch.value("powertrain", "engineSpeed").isPresent());
        assertFalse(patch.toMergePatch().getValue("features/powertrain/properties/engineSpeed").isPresent());
    }

    @Test
    void outOfRangeMessageNamesFieldValueAndBounds() {
        Map<String, Object> event = SampleEvents.with(SampleEvents.turbine(), "rotor.speedRpm", 31.2);

        Failure failure = mappers.map(SampleEvents.event("TurbineTelemetry", event)).failure();

        assertEquals(Stage.VALIDATE, failure.stage());
        assertEquals("validate.out-of-range", failure.code());
        assertEquals("field 'rotor.speedRpm' (rotor/speed): value 31.2 rpm is outside [0, 25]", failure.message());
    }

    @Test
    void rangeIsCheckedInModelUnitsAfterConversion() {
        Map<String, Object> event = SampleEvents.with(SampleEvents.turbine(), "generator.powerW", 4_100_000.0);

        Failure failure = mappers.map(SampleEvents.event("TurbineTelemetry", event)).failure();

        assertEquals("field 'generator.powerW' (generator/power): value 4100.0 om2:kilowatt is outside [-200, 4000]",
                failure.message());
    }

    @Test
    void unknownSchemaIsAMapFailure() {
        Failure failure = mappers.map(new DecodedEvent("twinbridge.telemetry.PumpTelemetry",
                new MapEventFields(SampleEvents.turbine()))).failure();

        assertEquals(Stage.MAP, failure.stage());
        assertEquals("map.unknown-schema", failure.code());
        assertTrue(failure.message().contains("twinbridge.telemetry.PumpTelemetry"));
    }

    @Test
    void mapperRefusesAnotherSchemasEvent() {
        TelemetryMapper turbine = mappers.forSchema("twinbridge.telemetry.TurbineTelemetry").orElseThrow();

        Result<TwinPatch> result = turbine.map(SampleEvents.event("HvacTelemetry", SampleEvents.hvac()));

        assertEquals("map.schema-mismatch", result.failure().code());
    }

    @Test
    void freshnessConditionCoversEveryTouchedFeature() {
        TwinPatch patch = TwinPatch.builder("WTG-07", 10L).put("rotor", "speed", 1.0).build();
        assertEquals("or(not(exists(features/rotor/properties/sourceTs)),lt(features/rotor/properties/sourceTs,10))",
                patch.freshnessCondition());

        TwinPatch two = ok(SampleEvents.event("HvacTelemetry", SampleEvents.hvac()));
        String condition = two.freshnessCondition();
        assertTrue(condition.startsWith("and(or(not(exists(features/supplyAir/properties/sourceTs))"), condition);
        assertEquals(5, condition.split("lt\\(").length - 1);
    }

    @Test
    void mappingIsRepeatableAndDoesNotShareState() {
        DecodedEvent event = SampleEvents.event("RobotTelemetry", SampleEvents.robot());
        assertEquals(ok(event), ok(event));
    }
}
