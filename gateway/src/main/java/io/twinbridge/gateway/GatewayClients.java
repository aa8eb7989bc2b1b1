package io.twinbridge.gateway;

import io.twinbridge.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shared clients of one gateway (Vert.x, the Kafka admin client), and small helpers of the parts. */
final class GatewayClients {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayClients.class);

    private GatewayClients() {
    }

    static CompletionStage<Void> started() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Completes at once: a part whose session keeps retrying must not hold up the start; a failure is logged with
     * {@code message}'s one placeholder.
     */
    static CompletionStage<Void> logged(CompletionStage<Void> background, String message) {
        background.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn(message, failure.toString());
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Closes the Kafka admin client, then Vert.x. Plain {@link CompletableFuture}s carry the result, because a Vert.x
     * future tied to one of this instance's event loops could never deliver it once that loop has been shut down.
     */
    static CompletionStage<Void> close(Vertx vertx, Admin admin, Duration timeout) {
        // Admin.close blocks until its network thread ends, so it gets a thread of its own.
        return CompletableFuture.runAsync(() -> admin.close(timeout)).handle((ok, failure) -> {
            if (failure != null) {
                LOG.warn("closing the Kafka admin client failed: {}", failure.toString());
            }
            return null;
        }).thenCompose(ignored -> {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            vertx.close().onComplete(result -> {
                if (result.succeeded()) {
                    closed.complete(null);
                } else {
                    closed.completeExceptionally(result.cause());
                }
            });
            return closed;
        });
    }

    static Properties adminProperties(GatewayConfig config) {
        Properties props = config.kafka().baseClientProperties();
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, config.kafka().groupId() + "-readiness");
        // Readiness must notice a broker that is back soon, not after the default 1 s..1000 s backoff ramp.
        props.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                String.valueOf(config.readiness().timeout().toMillis()));
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                String.valueOf(config.readiness().timeout().toMillis()));
        return props;
    }
}
