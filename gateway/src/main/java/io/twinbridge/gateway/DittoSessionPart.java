package io.twinbridge.gateway;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.lifecycle.NamedLifecycle;
import io.twinbridge.gateway.tenant.TenantSessions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own Ditto session ({@code ditto.username}) and the tenants' own writer sessions. Its start does not
 * wait for Ditto: the session keeps retrying, and {@code /ready} reports Ditto until it answers. It stops last but
 * for the clients, after every flow that writes through these sessions.
 */
final class DittoSessionPart extends NamedLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DittoSessionPart.class);

    private final DittoPort ditto;
    private final TenantSessions tenantSessions;
    private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();

    DittoSessionPart(DittoPort ditto, TenantSessions tenantSessions) {
        super("Ditto session");
        this.ditto = ditto;
        this.tenantSessions = tenantSessions;
    }

    @Override
    public CompletionStage<Void> start() {
        ditto.connect().whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("Ditto is not reachable yet ({}); the session keeps retrying", failure.getMessage());
            }
            firstAttempt.complete(null);
        });
        return CompletableFuture.completedFuture(null);
    }

    /** Completes once the first connection attempt ended, connected or not. */
    CompletionStage<Void> firstAttempt() {
        return firstAttempt.copy();
    }

    @Override
    public CompletionStage<Void> stop() {
        return tenantSessions.close().handle((ok, failure) -> {
            if (failure != null) {
                LOG.warn("closing the tenants' own Ditto sessions failed: {}", failure.toString());
            }
            return null;
        }).thenCompose(ignored -> ditto.close());
    }
}
