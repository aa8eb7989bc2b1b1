package io.twinbridge.launcher;

/** A command whose name and {@code --help} line are fixed when it is built. */
abstract class NamedCommand implements Command {
    private final String name;
    private final String summary;

    NamedCommand(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }
}
