package io.twinbridge.launcher;

/** Entry point of the {@code ./twinbridge} command. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.out.println("usage: twinbridge <demo|run|tenants|dlq|bench> [options]");
    }
}
