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
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "http:\n  port: eighty\n", StandardCharsets.UTF_8);

        Run run = run(new String[] {"--config", file.toString()}, Map.of());

        assertEquals(Main.EXIT_BAD_CONFIG, run.exit());
        assertEquals("twinbridge: bad configuration: 'http.port' from file " + file
                + " line 2, column 9: 'eighty' is not an integer", run.stderr().strip());
    }

    @Test
    void malformedYamlStopsStartNamingFileAndLine() throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "kafka:\n  group-id: [a, b\n", StandardCharsets.UTF_8);

        Run run = run(new String[] {"--config", file.toString()}, Map.of());

        assertEquals(Main.EXIT_BAD_CONFIG, run.exit());
        assertTrue(run.stderr().startsWith("twinbridge: bad configuration: config file " + file + " at line "),
                run.stderr());
    }

    @Test
    void badEnvironmentValueStopsStart() {
        Run run = run(new String[0], Map.of("TWINBRIDGE_READINESS_CHECK_INTERVAL", "2"));

        assertEquals(Main.EXIT_BAD_CONFIG, run.exit());
        assertTrue(run.stderr().contains("'readiness.check-interval' from env TWINBRIDGE_READINESS_CHECK_INTERVAL: "
                + "'2' is not a duration"), run.stderr());
    }

    @Test
    void unknownArgumentIsRefused() {
        Run run = run(new String[] {"--confg", "x.yaml"}, Map.of());

        assertEquals(Main.EXIT_BAD_CONFIG, run.exit());
        assertTrue(run.stderr().contains("unknown argument '--confg'"), run.stderr());
    }

    private record Run(int exit, String stderr) {
    }

    private static Run run(String[] args, Map<String, String> env) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, env, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, err.toString(StandardCharsets.UTF_8));
    }
}
