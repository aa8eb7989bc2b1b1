package io.twinbridge.launcher;

import java.io.PrintStream;

/** Where the launcher talks to the user: results on {@code out}, problems on {@code err}. */
record Console(PrintStream out, PrintStream err) {

    static Console system() {
        return new Console(System.out, System.err);
    }
}
