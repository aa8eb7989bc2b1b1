package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.result.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DesiredPropertyCommandsTest {
    private static final DesiredPropertyCommands COMMANDS =
            DesiredPropertyCommands.compile(ModelRegistry.fromClasspath());

    @ParameterizedTest(name = "[{index}] {0}/{1}/{2}={3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "hvac    | setpoints | targetTemperature | 21.5   | setTargetTemperature temperatureC 21.5",
            "hvac    | setpoints | fanMode           | HIGH   | setFanMode fanMode HIGH",
            "hvac    | setpoints | targetTemperature | 40.0   | validate.out-of-range",
            "hvac    | setpoints | fanMode           | TURBO  | validate.not-in-enum",
            "hvac    | supplyAir | temperature       | 18.0   | map.no-command",
            "turbine | rotor     | speed             | 10.0   | map.no-command"})
    void desiredValueBecomesCommandOrTypedFailure(String kind, String feature, String property, String value,
                                                  String expected) {
        Object v = Character.isDigit(value.charAt(0)) ? (Object) Double.valueOf(value) : value;

        Result<DesiredCommand> result = COMMANDS.toCommand(kind, feature, property, v);

        String actual = result.isOk()
                ? result.value().command() + " " + result.value().parameter() + " " + result.value().value()
                : result.failure().code();
        assertEquals(expected, actual);
    }
}
