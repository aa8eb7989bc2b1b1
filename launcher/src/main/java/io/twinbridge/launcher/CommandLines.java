package io.twinbridge.launcher;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The launcher's commands parse their arguments with picocli: each declares its options and parameters on an
 * annotated class ({@code @Command}, {@code @Option}, {@code @Parameters}), picocli checks names and arity and
 * generates {@code --help}; the command then checks the values itself, with its own messages. An option's
 * {@code descriptionKey} names its {@code TWINBRIDGE_*} variable where it has one.
 */
public final class CommandLines {
    private CommandLines() {
    }

    /** The arguments of one command, parsed; {@link #helpAsked()} when --help or -h was among them. */
    public record Parsed(CommandLine commandLine, ParseResult result) {
        public boolean helpAsked() {
            return commandLine.isUsageHelpRequested();
        }

        /** Each matched option by its longest name, a flag as {@code "true"}; the last one wins when repeated. */
        public Map<String, String> options() {
            Map<String, String> values = new LinkedHashMap<>();
            for (OptionSpec option : result.matchedOptions()) {
                values.put(option.longestName(), option.arity().max() == 0 ? "true"
                        : String.valueOf((Object) option.getValue()));
            }
            return values;
        }

        /** Prints the generated help. */
        public void printHelp(PrintStream out) {
            commandLine.usage(out);
        }

        /**
         * When --help was asked, or no argument given to a command that needs some, prints the help and answers the
         * exit code: OK for --help, USAGE for nothing at all.
         */
        public OptionalInt helpExit(List<String> args, boolean needsArguments, PrintStream out) {
            boolean none = needsArguments && args.isEmpty();
            if (!none && !helpAsked()) {
                return OptionalInt.empty();
            }
            printHelp(out);
            return OptionalInt.of(none ? ExitCodes.USAGE : ExitCodes.OK);
        }
    }

    /**
     * Parses {@code args} into {@code spec} (an {@code @Command} class).
     *
     * @throws UsageException naming what is wrong (an unknown option, a missing value), with the usage
     */
    public static Parsed parse(Object spec, List<String> args) throws UsageException {
        CommandLine commandLine = new CommandLine(spec);
        try {
            return new Parsed(commandLine, commandLine.parseArgs(args.toArray(String[]::new)));
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage() + "\n" + commandLine.getUsageMessage().stripTrailing());
        }
    }

    /** Option name → the {@code TWINBRIDGE_*} variable in its {@code descriptionKey}, for the options that have one. */
    public static Map<String, String> variables(Object spec) {
        Map<String, String> variables = new LinkedHashMap<>();
        new CommandLine(spec).getCommandSpec().options().stream()
                .filter(o -> o.descriptionKey() != null && o.descriptionKey().startsWith("TWINBRIDGE_"))
                .forEach(o -> variables.put(o.longestName(), o.descriptionKey()));
        return variables;
    }

    /** {@code -h, --help} for every command. */
    public static final class Help {
        @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean asked;
    }
}
