package io.twinbridge.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** One broken fixture per kind of mismatch; each must name the file, the field and the property at fault. */
class ModelMismatchTest {
    private static final String BINDING = "pump/pump-1.0.0.binding.json";
    private static final String MOTOR_TM = "pump/pump-motor-1.0.0.tm.jsonld";

    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(ModelMismatchTest.class.getResource("/fixtures/models/" + name))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ModelRegistry load(String name) {
        return ModelRegistry.fromDirectories(fixture(name).resolve("twin-models"), fixture(name).resolve("schemas"));
    }

    private static Problem expectProblem(String fixture, String file, String field, String property, String text) {
        ModelRegistryException e = assertThrows(ModelRegistryException.class, () -> load(fixture));
        List<Problem> matching = e.problems().stream()
                .filter(p -> p.file().equals(file) && p.field().equals(field) && p.property().equals(property))
                .toList();
        assertEquals(1, matching.size(), () -> "expected one problem for " + file + "/" + field + "/" + property
                + " in:\n" + e.getMessage());
        assertTrue(matching.get(0).message().contains(text), matching.get(0)::toString);
        assertTrue(e.getMessage().contains(file) && e.getMessage().contains("'" + field + "'")
                && e.getMessage().contains("'" + property + "'"), e.getMessage());
        return matching.get(0);
    }

    @Test
    void validFixtureLoads() {
        ModelRegistry registry = load("valid");
        assertEquals(List.of("motor"), registry.features("pump"));
        assertTrue(registry.document("/models/pump/pump-motor-1.0.0.tm.jsonld").isPresent());
    }

    @Test
    void boundFeatureMissingFromModel() {
        expectProblem("unknown-feature", BINDING, "motor.speedRpm", "gearbox/speed", "no feature 'gearbox'");
    }

    @Test
    void boundPropertyMissingFromFeatureModel() {
        expectProblem("unknown-property", BINDING, "motor.speedRpm", "motor/torque", "no property 'torque'");
    }

    @Test
    void avroTypeDoesNotFitModelType() {
        expectProblem("type-mismatch", BINDING, "motor.speedRpm", "motor/speed",
                "Avro type double does not fit TM type string");
    }

    @Test
    void avroFieldNeitherBoundNorIgnored() {
        expectProblem("unbound-field", BINDING, "motor.bearingTempC", Problem.NONE, "neither bound nor ignored");
    }

    @Test
    void bindingNamesFieldMissingFromSchema() {
        expectProblem("unknown-field", BINDING, "motor.speedRps", "motor/speed", "no such field in schema fixture.PumpTelemetry");
    }

    @Test
    void writableDesiredPropertyWithoutCommandMapping() {
        expectProblem("missing-command", BINDING, Problem.NONE, "motor/mode", "has no command mapping");
    }

    @Test
    void commandMappingOnReadOnlyProperty() {
        expectProblem("command-on-read-only", BINDING, Problem.NONE, "motor/speed", "read-only property");
    }

    @Test
    void avroEnumSymbolNotInModelEnum() {
        expectProblem("enum-mismatch", BINDING, "motor.mode", "motor/mode", "[AUTO] are not in the TM enum");
    }

    @Test
    void bindingNamesUnknownSchema() {
        expectProblem("unknown-schema", BINDING, Problem.NONE, Problem.NONE,
                "unknown Avro record schema 'fixture.CompressorTelemetry'");
    }

    @Test
    void schemaWithoutStructuralTimestamp() {
        expectProblem("missing-timestamp", BINDING, "timestamp", Problem.NONE, "timestamp-millis");
    }

    @Test
    void featureModelWithoutSourceTimestampProperty() {
        expectProblem("missing-source-ts", MOTOR_TM, Problem.NONE, "motor/sourceTs", "must declare the integer property");
    }

    @Test
    void unitConversionOnNonNumericField() {
        expectProblem("conversion-on-string", BINDING, "motor.mode", "motor/mode", "unit conversion on non-numeric");
    }

    @Test
    void convertedValueBoundToIntegerProperty() {
        expectProblem("converted-into-integer", BINDING, "motor.speedRpm", "motor/speed",
                "a converted value is a number");
    }

    @Test
    void unknownNamedConversion() {
        expectProblem("unknown-conversion", BINDING, "motor.speedRpm", "motor/speed", "unknown conversion 'furlong-to-m'");
    }

    @Test
    void submodelLinkToMissingFile() {
        expectProblem("missing-submodel", "pump/pump-1.0.0.tm.jsonld", Problem.NONE, "motor",
                "submodel './pump-gearbox-1.0.0.tm.jsonld' not found");
    }

    @Test
    void requiredPropertyWithoutDefault() {
        expectProblem("required-without-default", MOTOR_TM, Problem.NONE, "motor/speed", "required property has no 'default'");
    }

    @Test
    void defaultOutsideThePropertysOwnRange() {
        expectProblem("invalid-default", MOTOR_TM, Problem.NONE, "motor/speed", "'default' is invalid: 4000 is above the maximum");
    }

    @Test
    void legacyTmRequiredIsRefused() {
        expectProblem("legacy-tm-required", MOTOR_TM, Problem.NONE, Problem.NONE, "list the optional properties in 'tm:optional'");
    }

    @Test
    void optionalAndRequiredComeFromTmOptional() {
        FeatureModel motor = load("valid").byKind("pump").orElseThrow().model().feature("motor").orElseThrow();
        assertTrue(motor.property("speed").orElseThrow().required());
        assertTrue(!motor.property("mode").orElseThrow().required() && !motor.property("sourceTs").orElseThrow().required());
    }
}
