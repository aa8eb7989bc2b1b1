package io.twinbridge.gateway;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinbridge.gateway.config.ConfigException;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.logging.LogFormat;

/**
 * Runnable entry point of the gateway jar: {@code java -jar twinbridge-gateway.jar [--config FILE]}.
 * Exit codes: 0 after a clean stop, 1 when start-up fails, 2 for bad configuration or arguments.
 */
public final class Main {
    static final Path DEFAULT_CONFIG = Path.of("config", "gateway.yaml");
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_CONFIG = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.getenv(), System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Starts the gateway and returns once it has stopped, with the process exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream err) {
        GatewayConfig config;
        try {
            config = GatewayConfig.load(configFile(args), env);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("twinbridge: bad configuration: " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        // log4j chose its format before the file was read; a log.format set there takes over from here on
        LogFormat.applyConfigured(config, env);
        Gateway gateway;
        try {
            gateway = Gateway.start(config).await(config.shutdownTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            err.println("twinbridge: gateway failed to start: " + e.getMessage());
            return EXIT_FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gateway, config, stopped), "twinbridge-shutdown"));
        awaitUninterruptibly(stopped);
        return 0;
    }

    /** {@code --config FILE}, else {@code config/gateway.yaml} when it exists, else defaults only. */
    static Optional<Path> configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--config needs a file name");
                }
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return Optional.of(Path.of(args[i].substring("--config=".length())));
            }
            throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: [--config FILE]");
        }
        return Files.isRegularFile(DEFAULT_CONFIG) ? Optional.of(DEFAULT_CONFIG) : Optional.empty();
    }

    private static void stop(Gateway gateway, GatewayConfig config, CountDownLatch stopped) {
        try {
            gateway.stop().await(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("gateway did not stop cleanly within {}: {}", config.shutdownTimeout(), e.toString());
        } finally {
            stopped.countDown();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
