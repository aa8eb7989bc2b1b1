package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twinbridge.gateway.ditto.TwinEvent;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonPointer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The desired values an event sets, whatever path Ditto sent it on. */
class FeatureValuesTest {

    @ParameterizedTest(name = "[{index}] {0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "merged   | /features/s/desiredProperties/t | 21.5                                  | s/t=21.5",
            "modified | /features/s/desiredProperties   | {\"t\":21,\"f\":\"HIGH\"}             | s/t=21 s/f=\"HIGH\"",
            "merged   | /features/s                     | {\"desiredProperties\":{\"t\":null}}  | s/t=null",
            "merged   | /features                       | {\"s\":{\"properties\":{\"t\":1}}}    | ''",
            "merged   | /                               | {\"features\":{\"s\":{\"desiredProperties\":{\"t\":2}}}} | s/t=2",
            "deleted  | /features/s/desiredProperties/t | ''                                    | ''",
            "merged   | /attributes                     | {\"model\":\"hvac\"}                  | ''",
            "modified | /                               | {\"attributes\":{\"n\":1}}          | ''",
            "merged   | /features/s/desiredProperties/t/unit | \"C\"                           | s/t={\"unit\":\"C\"}",
            "merged   | /features                       | {\"s\":{\"desiredProperties\":{\"t\":3}},\"u\":5} | s/t=3",
            "merged   | /features/s/desiredProperties   | null                                  | ''",
            "merged   | /features/s/properties/t        | 1                                     | ''",
            "merged   | /features/s                     | 7                                     | ''"})
    void desiredChanges(String action, String path, String value, String expected) {
        TwinEvent event = new TwinEvent("acme:h-1", action, JsonPointer.of(path),
                value.isEmpty() ? Optional.empty() : Optional.of(JsonFactory.readFrom(value)), 2, Optional.empty(),
                Optional.empty(), Set.of(), "{}");

        Set<String> changes = FeatureValues.of(event, FeatureValues.DESIRED).stream()
                .map(c -> c.feature() + "/" + c.property() + "=" + c.value()).collect(Collectors.toSet());

        assertEquals(expected.isEmpty() ? Set.of() : Set.of(expected.split(" ")), changes);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/features/s/properties/t | 1                                     | s/t=1",
            "/features                | {\"s\":{\"properties\":{\"t\":2},\"desiredProperties\":{\"t\":3}}} | s/t=2",
            "/                        | {\"features\":{\"s\":{\"properties\":{\"t\":4}}}} | s/t=4",
            "/features/s/desiredProperties/t | 5                              | ''"})
    void reportedChanges(String path, String value, String expected) {
        TwinEvent event = new TwinEvent("acme:h-1", "merged", JsonPointer.of(path),
                Optional.of(JsonFactory.readFrom(value)), 2, Optional.empty(), Optional.empty(), Set.of(), "{}");

        Set<String> changes = FeatureValues.of(event, FeatureValues.REPORTED).stream()
                .map(c -> c.feature() + "/" + c.property() + "=" + c.value()).collect(Collectors.toSet());

        assertEquals(expected.isEmpty() ? Set.of() : Set.of(expected.split(" ")), changes);
    }
}
