package io.twinbridge.launcher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./twinbridge demo}: starts the demo, prints its one status line, and runs until Ctrl-C (SIGINT) or SIGTERM,
 * which stop every part within {@link #STOP_TIMEOUT}.
 */
final class DemoCommand extends PicocliCommand<DemoOptions.Args> {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(9);

    DemoCommand() {
        super("demo", "start Kafka, the Ditto sandbox and the gateway on this machine, with a first twin", false,
                DemoOptions.Args::new);
    }

    @Override
    int run(DemoOptions.Args parsed, CommandLines.Parsed line, List<String> args, Console console) throws Exception {
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
