package io.twinbridge.sandbox.ditto;

import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the Ditto sandbox until the JVM is stopped. Arguments: {@code [--host H] [--port P] [--search-lag-ms N]}. */
public final class SandboxMain {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxMain.class);

    private SandboxMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        SandboxOptions options = SandboxOptions.defaults();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> options = options.withHost(args[i + 1]);
                case "--port" -> options = options.withPort(Integer.parseInt(args[i + 1]));
                case "--search-lag-ms" -> options = options.withSearchLag(
                        java.time.Duration.ofMillis(Long.parseLong(args[i + 1])));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: SandboxMain [--host H] [--port P] [--search-lag-ms N]");
            }
        }
        final DittoSandbox sandbox = DittoSandbox.start(options);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        LOG.info("Ditto sandbox listening on {} and {}", sandbox.httpUrl(), sandbox.wsUrl());
        stopped.await();
    }
}
