package io.twinbridge.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * One broken fixture per kind of mismatch, listed with the problem it must report in
 * {@code fixtures/models/mismatches.csv}; each must name the file, the field and the property at fault.
 */
class ModelMismatchTest {
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

    private static void expectProblem(String fixture, String file, String field, String property, String text) {
        ModelRegistryException e = assertThrows(ModelRegistryException.class, () -> load(fixture));
        List<Problem> matching = e.problems().stream()
                .filter(p -> p.file().equals(file) && p.field().equals(field) && p.property().equals(property))
                .toList();
        assertEquals(1, matching.size(), () -> "expected one problem for " + file + "/" + field + "/" + property
                + " in:\n" + e.getMessage());
        assertTrue(matching.get(0).message().contains(text), matching.get(0)::toString);
        assertTrue(e.getMessage().contains(file) && e.getMessage().contains("'" + field + "'")
                && e.getMessage().contains("'" + property + "'"), e.getMessage());
    }

    @Test
    void validFixtureLoads() {
        ModelRegistry registry = load("valid");
        assertEquals(List.of("motor"), registry.features("pump"));
        assertTrue(registry.document("/models/pump/pump-motor-1.0.0.tm.jsonld").isPresent());
    }

    /** Each row of {@code mismatches.csv}: a broken fixture and the one problem its load reports. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/fixtures/models/mismatches.csv", delimiter = '|', numLinesToSkip = 1)
    void mismatchIsReported(String mismatch, String fixture, String file, String field, String property,
            String text) {
        expectProblem(fixture, file, field, property, text);
    }

    @Test
    void optionalAndRequiredComeFromTmOptional() {
        FeatureModel motor = load("valid").byKind("pump").orElseThrow().model().feature("motor").orElseThrow();
        assertTrue(motor.property("speed").orElseThrow().required());
        assertTrue(!motor.property("mode").orElseThrow().required() && !motor.property("sourceTs").orElseThrow().required());
    }
}
