package io.twinbridge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LauncherTest {
    private final CapturedConsole io = new CapturedConsole();
    private final Console console = io.console();

    @Test
    void helpListsEverySubcommandWithOneLineEach() {
        int code = Launcher.withAllCommands().run(List.of("--help"), console);

        assertEquals(ExitCodes.OK, code);
        List<String> commandLines = io.out().lines()
                .filter(line -> line.startsWith("  ")).map(String::strip).toList();
        assertEquals(List.of("demo", "run", "tenants", "simulate", "dlq", "bench"),
                commandLines.stream().map(line -> line.split("\\s+")[0]).toList());
        assertTrue(commandLines.stream().allMatch(line -> line.split("\\s+", 2)[1].length() > 10), io::out);
    }

    @Test
    void noArgumentsPrintsHelpAndFailsWithUsageCode() {
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of(), console));
        assertTrue(io.out().startsWith("usage: ./twinbridge <command>"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of("deploy"), console));
        assertEquals("twinbridge: unknown command 'deploy'. See ./twinbridge --help.",
                io.err().strip());
    }

    @Test
    void dlqWithAnUnknownActionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, Launcher.withAllCommands().run(List.of("dlq", "list"), console));
        assertEquals("twinbridge dlq: unknown action 'list'; see dlq --help",
                io.err().strip());
        assertEquals("", io.out());
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
                io.err().strip());
    }

    @Test
    void anUnknownLogFormatIsRefusedBeforeLoggingGoesSilent() {
        assertEquals(Optional.empty(), Launcher.logFormatProblem("plain"));
        assertEquals(Optional.empty(), Launcher.logFormatProblem("json"));
        assertEquals(Optional.of("TWINBRIDGE_LOG_FORMAT (or -Dtwinbridge.log.format) must be plain or json, not 'JSON'"),
                Launcher.logFormatProblem("JSON"));
    }
}
