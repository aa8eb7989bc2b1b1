package io.twinbridge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsAreTheDocumentedPorts() throws UsageException {
        assertEquals(new DemoOptions("127.0.0.1", 9092, 8080, 8088, Optional.empty(), 16), DemoOptions.parse(List.of()));
    }

    @Test
    void flagsOverrideEachPortAndTheKafkaDataDirectory() throws UsageException {
        DemoOptions options = DemoOptions.parse(List.of("--kafka-port", "19092", "--ditto-port", "18080",
                "--http-port", "18088", "--kafka-data", "/tmp/k", "--fleet-rate", "0"));

        assertEquals(new DemoOptions("127.0.0.1", 19092, 18080, 18088, Optional.of(Path.of("/tmp/k")), 0), options);
    }

    @Test
    void helpIsGeneratedWithEveryOption() throws Exception {
        CapturedConsole io = new CapturedConsole();
        assertEquals(ExitCodes.OK, Launcher.withAllCommands().run(List.of("demo", "--help"), io.console()));
        for (String flag : List.of("--kafka-port", "--ditto-port", "--http-port", "--kafka-data", "--fleet-rate",
                "--help")) {
            assertTrue(io.out().contains(flag), () -> flag + " in " + io.out());
        }
        assertTrue(io.out().startsWith("Usage: ./twinbridge demo"), io::out);
    }

    @Test
    void rejectsUnknownFlagsMissingValuesAndBadPorts() {
        String unknown = assertThrows(UsageException.class, () -> DemoOptions.parse(List.of("--kafka", "1")))
                .getMessage();
        assertTrue(unknown.startsWith("Unknown option") && unknown.contains("'--kafka'"), unknown);
        assertTrue(assertThrows(UsageException.class, () -> DemoOptions.parse(List.of("--http-port")))
                .getMessage().startsWith("Missing required parameter for option '--http-port'"));
        assertEquals("--ditto-port must be a port number, was 'eighty'", assertThrows(UsageException.class,
                () -> DemoOptions.parse(List.of("--ditto-port", "eighty"))).getMessage());
        assertEquals("--kafka-port must be a port between 0 and 65535, was 70000", assertThrows(UsageException.class,
                () -> DemoOptions.parse(List.of("--kafka-port", "70000"))).getMessage());
        assertEquals("--fleet-rate must be between 0 (no fleet) and 100000 events/s, was -1",
                assertThrows(UsageException.class, () -> DemoOptions.parse(List.of("--fleet-rate", "-1")))
                        .getMessage());
    }
}
