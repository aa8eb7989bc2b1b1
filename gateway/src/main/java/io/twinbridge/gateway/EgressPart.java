package io.twinbridge.gateway;

import io.twinbridge.gateway.egress.EgressService;
import io.twinbridge.gateway.lifecycle.Lifecycle;
import io.twinbridge.gateway.tenant.TenantChange;
import io.twinbridge.gateway.tenant.TenantListener;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The egress flow as a part: built and subscribed in {@link #start}, which does not wait for Ditto's confirmation
 * (the sessions keep retrying; {@link EgressService#subscribed()} tells when they are through).
 */
final class EgressPart implements Lifecycle, TenantListener {
    private static final Logger LOG = LoggerFactory.getLogger(EgressPart.class);

    private final Supplier<EgressService> create;
    private final Consumer<EgressService> bindMetrics;
    private final Duration stopTimeout;
    private EgressService service;

    EgressPart(Supplier<EgressService> create, Consumer<EgressService> bindMetrics, Duration stopTimeout) {
        this.create = create;
        this.bindMetrics = bindMetrics;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public String name() {
        return "egress";
    }

    @Override
    public synchronized CompletionStage<Void> start() {
        service = create.get();
        bindMetrics.accept(service);
        service.start().whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("Egress subscriptions not confirmed yet ({}); the sessions keep retrying", failure.toString());
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> stop() {
        EgressService running = service().orElse(null);
        return running == null ? CompletableFuture.completedFuture(null) : running.stop(stopTimeout);
    }

    /** Before start nothing to do: the service reads the directory when it is built. */
    @Override
    public synchronized CompletionStage<Void> tenantsChanged(TenantChange change) {
        return service == null ? CompletableFuture.completedFuture(null) : service.tenantsChanged(change);
    }

    /** Empty until started. */
    synchronized Optional<EgressService> service() {
        return Optional.ofNullable(service);
    }
}
