package io.twinbridge.gateway;

import io.twinbridge.gateway.ingest.IngestService;
import io.twinbridge.gateway.lifecycle.Lifecycle;
import io.twinbridge.gateway.tenant.TenantChange;
import io.twinbridge.gateway.tenant.TenantListener;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The ingest flow as a part: built in {@link #start}, consuming only once every tenant policy is in Ditto (things it
 * creates reference their tenant's policy, see {@link io.twinbridge.gateway.tenant.TenantPolicies}).
 */
final class IngestPart implements Lifecycle, TenantListener {
    private final Supplier<IngestService> create;
    private final Consumer<IngestService> bindMetrics;
    private final Supplier<CompletionStage<Void>> policiesApplied;
    private IngestService service;
    private boolean stopped;

    IngestPart(Supplier<IngestService> create, Consumer<IngestService> bindMetrics,
               Supplier<CompletionStage<Void>> policiesApplied) {
        this.create = create;
        this.bindMetrics = bindMetrics;
        this.policiesApplied = policiesApplied;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public synchronized CompletionStage<Void> start() {
        service = create.get();
        bindMetrics.accept(service);
        IngestService starting = service;
        policiesApplied.get().thenRun(() -> {
            synchronized (this) {
                if (!stopped) {
                    starting.start();
                }
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> stop() {
        IngestService running;
        synchronized (this) {
            stopped = true;
            running = service;
        }
        return running == null ? CompletableFuture.completedFuture(null) : running.stop();
    }

    /** The consumer subscribes to the current tenants' topics; before start the service reads them when built. */
    @Override
    public synchronized CompletionStage<Void> tenantsChanged(TenantChange change) {
        if (service != null) {
            service.tenantsChanged();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Empty until started. */
    synchronized Optional<IngestService> service() {
        return Optional.ofNullable(service);
    }
}
