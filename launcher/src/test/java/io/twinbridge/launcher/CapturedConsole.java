package io.twinbridge.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A {@link Console} whose output and error streams a command test reads back. */
final class CapturedConsole {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    Console console() {
        return console;
    }

    /** What the command printed so far. */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the command reported as errors so far. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets the output so far, so that the next command's output stands alone. */
    void resetOut() {
        out.reset();
    }
}
