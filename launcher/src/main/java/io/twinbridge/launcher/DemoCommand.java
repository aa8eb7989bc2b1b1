package io.twinbridge.launcher;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./twinbridge demo}: starts the demo, prints its one status line, and runs until Ctrl-C (SIGINT) or SIGTERM,
 * which stop every part within {@link #STOP_TIMEOUT}.
 */
final class DemoCommand implements Command {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(9);

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "start Kafka, the Ditto sandbox and the gateway on this machine, with a first twin";
    }

    @Override
    public int run(List<String> args, Console console) throws Exception {
        DemoOptions.Args parsed = new DemoOptions.Args();
        CommandLines.Parsed line = CommandLines.parse(parsed, args);
        OptionalInt help = line.helpExit(args, false, console.out());
        if (help.isPresent()) {
            return help.getAsInt();
        }
        Demo demo = Demo.start(DemoOptions.from(parsed));
        CountDownLatch stopped = new CountDownLatch(1);
        // The JVM runs shutdown hooks on SIGINT and SIGTERM; it halts when they return, so the stop is bounded.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.stop(STOP_TIMEOUT);
            stopped.countDown();
        }, "twinbridge-demo-shutdown"));
        console.out().println(demo.statusLine());
        stopped.await();
        return ExitCodes.OK;
    }
}
