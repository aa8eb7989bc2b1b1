package io.twinbridge.launcher;

import java.util.List;

/** A subcommand that is planned but not built yet: it says so, and which issue brings it, instead of pretending. */
record NotYetCommand(String name, String summary, String arrivesWith) implements Command {

    @Override
    public int run(List<String> args, Console console) {
        console.err().println("twinbridge " + name + ": not available yet; it arrives with " + arrivesWith + ".");
        return ExitCodes.USAGE;
    }
}
