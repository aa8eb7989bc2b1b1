package io.twinbridge.gateway.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain path of {@link TwinEvents#parse} (read straight off the JSON) gives exactly what Ditto's protocol adapter
 * gives, for every thing event example of Ditto's protocol documentation (kept in the sandbox's test resources),
 * with a timestamp and without.
 */
class TwinEventsPlainPathTest {
    private static final Path EXAMPLES = Path.of("..", "sandbox", "src", "test", "resources",
            "ditto-protocol-examples", "things", "events");

    static Stream<Path> examples() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(EXAMPLES)) {
            files = listed.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() > 40, "Ditto's thing event examples: " + files.size());
        return files.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("examples")
    void givesWhatDittosProtocolAdapterGives(Path example) throws IOException {
        JsonObject json = JsonFactory.newObject(Files.readString(example, StandardCharsets.UTF_8));
        for (JsonObject variant : List.of(json, json.setValue("timestamp", "2026-12-06T13:00:00.123456Z"))) {
            String text = variant.toString();

            Optional<TwinEvent> plain = TwinEvents.plainEvent(variant, text);

            assertTrue(plain.isPresent(), () -> "not read plainly: " + text);
            assertEquals(TwinEvents.viaAdaptable(variant, text), plain, text);
        }
    }

    @Test
    void requestedAcknowledgementsAndOtherFormsGoThroughTheAdapter() {
        String withAcks = "{\"topic\":\"acme/t-1/things/twin/events/merged\",\"headers\":{\"requested-acks\":"
                + "[\"twin-persisted\"]},\"path\":\"/\",\"value\":{},\"revision\":2}";
        String upperCaseHeader = "{\"topic\":\"acme/t-1/things/twin/events/merged\",\"headers\":{\"Correlation-Id\":"
                + "\"c\"},\"path\":\"/\",\"value\":{},\"revision\":2}";
        for (String text : List.of(withAcks, upperCaseHeader)) {
            assertTrue(TwinEvents.plainEvent(JsonFactory.newObject(text), text).isEmpty(), text);
            assertTrue(TwinEvents.parse(text).isPresent(), text);
        }
        assertEquals(Optional.of("c"), TwinEvents.parse(upperCaseHeader).orElseThrow().correlationId());
    }
}
