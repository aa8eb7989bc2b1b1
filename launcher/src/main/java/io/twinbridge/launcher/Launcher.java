package io.twinbridge.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.twinbridge.gateway.logging.LogFormat;

/** Entry point of the {@code ./twinbridge} command: picks the subcommand and hands it the remaining arguments. */
public final class Launcher {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    Launcher(List<Command> commands) {
        commands.forEach(command -> this.commands.put(command.name(), command));
    }

    static Launcher withAllCommands() {
        return new Launcher(List.of(
                new DemoCommand(),
                new RunCommand(),
                new TenantsCommand(),
                new SimulateCommand(System.getenv(), SimulateCommand.PROGRESS_EVERY),
                new DlqCommand(),
                new BenchLauncherCommand()));
    }

    public static void main(String[] args) {
        // log4j picks its appender by this value before any command runs; an unknown one would silence every log line
        Optional<String> badFormat = logFormatProblem(LogFormat.active(System.getenv()));
        if (badFormat.isPresent()) {
            System.err.println("twinbridge: " + badFormat.get());
            System.exit(ExitCodes.USAGE);
        }
        // Long-running commands (demo, run) return only once they have stopped, so exiting here is always right.
        System.exit(withAllCommands().run(List.of(args), Console.system()));
    }

    /** Why {@code format} (of TWINBRIDGE_LOG_FORMAT or -Dtwinbridge.log.format) is not usable, if it is not. */
    static Optional<String> logFormatProblem(String format) {
        if (LogFormat.PLAIN.equals(format) || LogFormat.JSON.equals(format)) {
            return Optional.empty();
        }
        return Optional.of(LogFormat.ENV + " (or -D" + LogFormat.PROPERTY + ") must be " + LogFormat.PLAIN + " or "
                + LogFormat.JSON + ", not '" + format + "'");
    }

    int run(List<String> args, Console console) {
        if (args.isEmpty() || isHelp(args.get(0))) {
            printHelp(console);
            return args.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
        }
        Optional<Command> command = Optional.ofNullable(commands.get(args.get(0)));
        if (command.isEmpty()) {
            console.err().println("twinbridge: unknown command '" + args.get(0) + "'. See ./twinbridge --help.");
            return ExitCodes.USAGE;
        }
        try {
            return command.get().run(args.subList(1, args.size()), console);
        } catch (UsageException e) {
            console.err().println("twinbridge " + args.get(0) + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (Exception e) {
            console.err().println("twinbridge " + args.get(0) + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private void printHelp(Console console) {
        console.out().println("usage: ./twinbridge <command> [options]");
        console.out().println();
        console.out().println("commands:");
        commands.values().forEach(c -> console.out().printf("  %-8s %s%n", c.name(), c.summary()));
        console.out().println();
        console.out().println("./twinbridge <command> --help shows the options of a command.");
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }
}
