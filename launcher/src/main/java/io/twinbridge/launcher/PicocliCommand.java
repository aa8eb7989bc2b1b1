package io.twinbridge.launcher;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * A command whose arguments picocli reads into an {@code A} ({@link CommandLines}): every such command parses the same
 * way, prints its generated help on {@code --help} (and, when it needs arguments, when given none), and only then
 * runs with what was parsed.
 *
 * @param <A> the command's {@code @Command} class
 */
abstract class PicocliCommand<A> extends NamedCommand {
    private final boolean needsArguments;
    private final Supplier<A> arguments;

    /**
     * @param needsArguments whether no argument at all is a usage error (the help is printed then)
     * @param arguments      a new, empty {@code @Command} object for each run
     */
    PicocliCommand(String name, String summary, boolean needsArguments, Supplier<A> arguments) {
        super(name, summary);
        this.needsArguments = needsArguments;
        this.arguments = arguments;
    }

    @Override
    public final int run(List<String> args, Console console) throws Exception {
        A parsed = arguments.get();
        CommandLines.Parsed line = CommandLines.parse(parsed, args);
        OptionalInt help = line.helpExit(args, needsArguments, console.out());
        if (help.isPresent()) {
            return help.getAsInt();
        }
        return run(parsed, line, args, console);
    }

    /**
     * Runs with the parsed arguments ({@code line} has the options by name); {@code args} are the arguments as given.
     *
     * @return the process exit code
     */
    abstract int run(A parsed, CommandLines.Parsed line, List<String> args, Console console) throws Exception;
}
