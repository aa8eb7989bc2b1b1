package io.twinbridge.gateway;

import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.health.ReadinessMonitor;
import io.twinbridge.gateway.http.GatewayHttpServer;
import io.twinbridge.gateway.lifecycle.NamedLifecycle;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server with every route, and the readiness checks behind {@code /ready}. */
final class HttpPart extends NamedLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPart.class);

    private final Vertx vertx;
    private final GatewayConfig config;
    private final Router router;
    private final ReadinessMonitor readiness;
    private volatile GatewayHttpServer server;

    HttpPart(Vertx vertx, GatewayConfig config, Router router, ReadinessMonitor readiness) {
        super("HTTP server");
        this.vertx = vertx;
        this.config = config;
        this.router = router;
        this.readiness = readiness;
    }

    @Override
    public CompletionStage<Void> start() {
        return GatewayHttpServer.start(vertx, config.http(), router).toCompletionStage().thenAccept(listening -> {
            server = listening;
            readiness.start();
            LOG.info("TwinBridge gateway listening on http://{}:{} (Kafka {}, Ditto {})", config.http().host(),
                    listening.port(), config.kafka().bootstrapServers(), config.ditto().endpoint());
        });
    }

    @Override
    public CompletionStage<Void> stop() {
        readiness.stop();
        GatewayHttpServer listening = server;
        return listening == null ? CompletableFuture.completedFuture(null)
                : listening.stop().toCompletionStage();
    }

    /** The bound port, also when the configuration asked for port 0. */
    int port() {
        return server.port();
    }
}
