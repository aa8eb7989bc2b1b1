package io.twinbridge.gateway.logging;

import io.twinbridge.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.logging.log4j.CloseableThreadContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run in a child JVM by {@link LogFormatTest}: log4j chooses its format once per process, at the first logger, so
 * each format is tried in a fresh process with the gateway's own log4j2.xml. Writes one line before the config is
 * read, one inside a flow's context and one with an exception outside it.
 */
public final class LogLineEmitter {
    private static final Logger LOG = LoggerFactory.getLogger(LogLineEmitter.class);

    private LogLineEmitter() {
    }

    public static void main(String[] args) {
        LOG.info("before the config");
        GatewayConfig config = GatewayConfig.load(args.length > 0 ? Optional.of(Path.of(args[0])) : Optional.empty(),
                System.getenv());
        LogFormat.applyConfigured(config, System.getenv());
        try (CloseableThreadContext.Instance ignored = LogContext.of("acme", "acme:WTG-001", "cid-42")) {
            LOG.info("in a flow");
        }
        LOG.warn("after the flow", new IllegalStateException("boom"));
    }
}
