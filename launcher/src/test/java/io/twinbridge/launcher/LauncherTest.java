package io.twinbridge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class LauncherTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void helpListsEverySubcommandWithOneLineEach() {
        int code = Launcher.withAllCommands().run(List.of("--help"), console);

        assertEquals(ExitCodes.OK, code);
        List<String> commandLines = out.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("  ")).map(String::strip).toList();
        assertEquals(List.of("demo", "run", "tenants", "simulate", "dlq", "bench"),
                commandLines.stream().map(line -> line.split("\\s+")[0]).toList());
        assertTrue(commandLines.stream().allMatch(line -> line.split("\\s+", 2)[1].length() > 10), out::toString);
    }

    @Test
    void noArgumentsPrintsHelpAndFailsWithUsageCode() {
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of(), console));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: ./twinbridge <command>"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of("deploy"), console));
        assertEquals("twinbridge: unknown command 'deploy'. See ./twinbridge --help.",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void dlqWithAnUnknownActionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of("dlq", "list"), console));
        assertEquals("twinbridge dlq: unknown action 'list'; see dlq --help",
                err.toString(StandardCharsets.UTF_8).strip());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailingCommandReportsItsMessageAndExitsWithFailureCode() {
        Command failing = new Command() {
            @Override
            public String name() {
                return "boom";
            }

            @Override
            public String summary() {
                return "always fails";
            }

            @Override
            public int run(List<String> args, Console c) {
                throw new IllegalStateException("port 127.0.0.1:8080 is already in use");
            }
        };

        assertEquals(ExitCodes.FAILED, new Launcher(List.of(failing)).run(List.of("boom"), console));
        assertEquals("twinbridge boom: port 127.0.0.1:8080 is already in use",
                err.toString(StandardCharsets.UTF_8).strip());
    }
}
