package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.result.Result;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Good and bad values per constraint kind of the shipped Thing Models, in the table {@code mapping/validation-table.csv}.
 * Columns: constraint, kind, field, value type tag (d double, f float, i int, l long, s string, b boolean, x absent,
 * items a list of doubles), value, expected code or OK.
 */
class ValidationTableTest {
    private static final TelemetryMappers MAPPERS = TelemetryMappers.compile(ModelRegistry.fromClasspath());

    /** Each row of {@code validation-table.csv}: a value of one field of a sample event, and the outcome. */
    @ParameterizedTest(name = "[{index}] {0}: {1} {2}={4} ({3}) -> {5}")
    @CsvFileSource(resources = "/mapping/validation-table.csv", delimiter = '|', numLinesToSkip = 1)
    void constraint(String constraint, String kind, String field, String tag, String value, String expected) {
        check(kind, field, tag, value, expected);
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
            case "items" -> Arrays.stream(value.split(",")).map(Double::valueOf).toList();
            default -> throw new IllegalArgumentException(tag);
        };
        assertOutcome(kind, SampleEvents.with(sample(kind), field, v), expected);
    }

    private static void assertOutcome(String kind, Map<String, Object> fields, String expected) {
        String schema = Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + "Telemetry";
        Result<TwinPatch> result = MAPPERS.map(SampleEvents.event(schema, fields));
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
