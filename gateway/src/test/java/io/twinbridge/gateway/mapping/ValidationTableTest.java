package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.result.Result;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Good and bad values per constraint kind of the shipped Thing Models. Columns: kind, field, value type tag
 * (d double, f float, i int, l long, s string, b boolean, x absent), value, expected code or OK.
 */
class ValidationTableTest {
    private static TelemetryMappers mappers;

    @BeforeAll
    static void compile() {
        mappers = TelemetryMappers.compile(ModelRegistry.fromClasspath());
    }

    @ParameterizedTest(name = "[{index}] {0} {1}={3} ({2}) -> {4}")
    @CsvSource(delimiter = '|', value = {
            "turbine | rotor.speedRpm            | s | fast      | validate.wrong-type",
            "turbine | rotor.speedRpm            | b | true      | validate.wrong-type",
            "turbine | rotor.speedRpm            | i | 12        | OK",
            "turbine | rotor.speedRpm            | f | 12.5      | OK",
            "turbine | rotor.speedRpm            | d | NaN       | validate.wrong-type",
            "turbine | rotor.speedRpm            | d | Infinity  | validate.wrong-type",
            "turbine | status.faultCode          | d | 3.0       | validate.wrong-type",
            "turbine | status.faultCode          | l | 3         | OK",
            "turbine | status.state              | i | 2         | validate.wrong-type",
            "hvac    | filter.replaceRequired    | s | true      | validate.wrong-type",
            "hvac    | filter.replaceRequired    | b | true      | OK",
            "robot   | joints.axisTorquesNm      | d | 1.0       | validate.wrong-type",
            "vehicle | diagnostics.dtcCodes      | s | P0301     | validate.wrong-type",
            "turbine | deviceId                  | i | 7         | validate.wrong-type",
            "turbine | timestamp                 | s | yesterday | validate.wrong-type",
            "turbine | timestamp                 | d | 1.5E12    | validate.wrong-type"})
    void type(String kind, String field, String tag, String value, String expected) {
        check(kind, field, tag, value, expected);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}={3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "turbine | rotor.speedRpm            | d | -0.01     | validate.out-of-range",
            "turbine | rotor.speedRpm            | d | 0         | OK",
            "turbine | rotor.pitchAngleDeg       | d | -5        | OK",
            "turbine | rotor.pitchAngleDeg       | d | -5.1      | validate.out-of-range",
            "turbine | generator.powerW          | d | -200000   | OK",
            "turbine | generator.powerW          | d | -200001   | validate.out-of-range",
            "hvac    | supplyAir.humidityPct     | d | -1        | validate.out-of-range",
            "hvac    | returnAir.co2Ppm          | i | -1        | validate.out-of-range",
            "vehicle | location.lat              | d | -90       | OK",
            "vehicle | location.lat              | d | -90.0001  | validate.out-of-range",
            "turbine | timestamp                 | l | -1        | validate.out-of-range",
            "turbine | timestamp                 | l | 0         | OK"})
    void minimum(String kind, String field, String tag, String value, String expected) {
        check(kind, field, tag, value, expected);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}={3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "turbine | rotor.speedRpm            | d | 25        | OK",
            "turbine | rotor.speedRpm            | d | 25.01     | validate.out-of-range",
            "turbine | generator.powerW          | d | 4000000   | OK",
            "turbine | generator.powerW          | d | 4000001   | validate.out-of-range",
            "turbine | generator.temperatureC    | d | 180       | OK",
            "turbine | generator.temperatureC    | d | 181       | validate.out-of-range",
            "hvac    | returnAir.co2Ppm          | i | 10000     | OK",
            "hvac    | returnAir.co2Ppm          | i | 10001     | validate.out-of-range",
            "vehicle | location.speedMs          | d | 69.4      | OK",
            "vehicle | location.speedMs          | d | 69.5      | validate.out-of-range",
            "vehicle | diagnostics.odometerM     | l | 3000000000 | OK",
            "vehicle | diagnostics.odometerM     | l | 3000000001 | validate.out-of-range"})
    void maximum(String kind, String field, String tag, String value, String expected) {
        check(kind, field, tag, value, expected);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}={3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "turbine | status.state              | s | PRODUCING | OK",
            "turbine | status.state              | s | CURTAILED | OK",
            "turbine | status.state              | s | producing | validate.not-in-enum",
            "turbine | status.state              | s | EXPLODED  | validate.not-in-enum",
            "robot   | controller.mode           | s | T1        | OK",
            "robot   | controller.mode           | s | T3        | validate.not-in-enum",
            "hvac    | setpoints.fanMode         | s | HIGH      | OK",
            "hvac    | setpoints.fanMode         | s | TURBO     | validate.not-in-enum",
            "robot   | controller.program        | s | ANY_NAME  | OK"})
    void enumeration(String kind, String field, String tag, String value, String expected) {
        check(kind, field, tag, value, expected);
    }

    @ParameterizedTest(name = "[{index}] {0} without {1} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "turbine | deviceId                       | x | - | validate.missing-required",
            "turbine | timestamp                      | x | - | validate.missing-required",
            "turbine | rotor.speedRpm                 | x | - | validate.missing-required",
            "turbine | status.state                   | x | - | validate.missing-required",
            "turbine | environment.ambientTemperatureC | x | - | OK",
            "turbine | status.faultCode               | x | - | OK",
            "robot   | controller.cycleTimeMs         | x | - | OK",
            "robot   | health.errorCode               | x | - | validate.missing-required",
            "hvac    | returnAir.co2Ppm               | x | - | OK",
            "hvac    | setpoints.temperatureC         | x | - | validate.missing-required",
            "vehicle | powertrain.engineRpm           | x | - | OK",
            "vehicle | powertrain.batterySocPct       | x | - | OK",
            "vehicle | powertrain.rangeKm             | x | - | validate.missing-required"})
    void required(String kind, String field, String tag, String value, String expected) {
        check(kind, field, tag, value, expected);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "robot   | joints.axisAnglesRad     | items | 0,0,0,0,0       | validate.out-of-range",
            "robot   | joints.axisAnglesRad     | items | 0,0,0,0,0,0,0   | validate.out-of-range",
            "robot   | joints.axisAnglesRad     | items | 0,0,0,0,0,6.29  | validate.out-of-range",
            "robot   | joints.axisAnglesRad     | items | 0,0,0,0,0,6.28  | OK",
            "robot   | health.motorTemperaturesC | items | 40,40,40,40,40,151 | validate.out-of-range"})
    void arrayItemsAndLength(String kind, String field, String tag, String value, String expected) {
        List<Double> items = java.util.Arrays.stream(value.split(",")).map(Double::valueOf).toList();
        assertOutcome(kind, SampleEvents.with(sample(kind), field, items), expected);
    }

    @ParameterizedTest(name = "[{index}] deviceId {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "WTG-07             | OK",
            "plant1:line2@cell3 | OK",
            "has space          | map.invalid-device-id",
            "a/b                | map.invalid-device-id",
            "''                 | map.invalid-device-id"})
    void deviceIdMustFormAThingName(String deviceId, String expected) {
        assertOutcome("turbine", SampleEvents.with(SampleEvents.turbine(), "deviceId", deviceId), expected);
    }

    private static void check(String kind, String field, String tag, String value, String expected) {
        Object v = switch (tag) {
            case "d" -> Double.valueOf(value);
            case "f" -> Float.valueOf(value);
            case "i" -> Integer.valueOf(value);
            case "l" -> Long.valueOf(value);
            case "b" -> Boolean.valueOf(value);
            case "s" -> value;
            case "x" -> null;
            default -> throw new IllegalArgumentException(tag);
        };
        assertOutcome(kind, SampleEvents.with(sample(kind), field, v), expected);
    }

    private static void assertOutcome(String kind, Map<String, Object> fields, String expected) {
        String schema = Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + "Telemetry";
        Result<TwinPatch> result = mappers.map(SampleEvents.event(schema, fields));
        Supplier<String> detail = () -> result.isOk() ? result.value().toString() : result.failure().toString();
        if ("OK".equals(expected)) {
            assertTrue(result.isOk(), detail);
        } else {
            assertTrue(!result.isOk(), detail);
            assertEquals(expected, result.failure().code(), detail);
            assertTrue(result.failure().message().startsWith("field '"), detail);
        }
    }

    private static Map<String, Object> sample(String kind) {
        return switch (kind) {
            case "turbine" -> SampleEvents.turbine();
            case "robot" -> SampleEvents.robot();
            case "hvac" -> SampleEvents.hvac();
            case "vehicle" -> SampleEvents.vehicle();
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
