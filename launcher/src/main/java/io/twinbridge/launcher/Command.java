package io.twinbridge.launcher;

import java.util.List;

/** One subcommand of {@code ./twinbridge}. */
interface Command {

    String name();

    /** One line for {@code --help}. */
    String summary();

    /** Runs the subcommand with the arguments after its name; returns the process exit code. */
    int run(List<String> args, Console console) throws Exception;
}
