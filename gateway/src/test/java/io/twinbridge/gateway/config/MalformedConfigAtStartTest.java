package io.twinbridge.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinbridge.gateway.Main;

/** The gateway's entry point refuses to start on bad configuration, with one line naming key and reason. */
class MalformedConfigAtStartTest {
    @TempDir
    Path dir;

    @Test
    void badValueInFileStopsStartWithExitCode2() throws IOException {
        Path file = configFile("http:\n  port: eighty\n");

        String message = refusedStartMessage(new String[] {"--config", file.toString()}, Map.of());

        assertEquals("twinbridge: bad configuration: 'http.port' from file " + file
                + " line 2, column 9: 'eighty' is not an integer", message.strip());
    }

    @Test
    void malformedYamlStopsStartNamingFileAndLine() throws IOException {
        Path file = configFile("kafka:\n  group-id: [a, b\n");

        String message = refusedStartMessage(new String[] {"--config", file.toString()}, Map.of());

        assertTrue(message.startsWith("twinbridge: bad configuration: config file " + file + " at line "), message);
    }

    @Test
    void badEnvironmentValueStopsStart() {
        String message = refusedStartMessage(new String[0], Map.of("TWINBRIDGE_READINESS_CHECK_INTERVAL", "2"));

        assertTrue(message.contains("'readiness.check-interval' from env TWINBRIDGE_READINESS_CHECK_INTERVAL: "
                + "'2' is not a duration"), message);
    }

    @Test
    void unknownArgumentIsRefused() {
        String message = refusedStartMessage(new String[] {"--confg", "x.yaml"}, Map.of());

        assertTrue(message.contains("unknown argument '--confg'"), message);
    }

    private Path configFile(String yaml) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    /** Runs the entry point, asserts it refused to start with the bad-configuration exit code, returns its stderr. */
    private static String refusedStartMessage(String[] args, Map<String, String> env) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, env, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.EXIT_BAD_CONFIG, exit);
        return err.toString(StandardCharsets.UTF_8);
    }
}
