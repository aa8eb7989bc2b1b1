package io.twinbridge.gateway;

import io.twinbridge.gateway.lifecycle.NamedLifecycle;
import io.twinbridge.gateway.tenant.TenantChange;
import io.twinbridge.gateway.tenant.TenantListener;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A flow (ingest or egress) as a part: the service is built in {@link #start}, not before, and runs once its gate
 * opens (ingest's: every tenant policy is in Ditto), unless the part was stopped meanwhile. Until the service is
 * built, tenant changes need no following: the service reads the directory when it is built.
 *
 * @param <S> the service
 */
final class FlowPart<S> extends NamedLifecycle implements TenantListener {
    private final Supplier<S> create;
    private final Supplier<CompletionStage<Void>> gate;
    private final Consumer<S> run;
    private final Function<S, CompletionStage<Void>> halt;
    private final BiFunction<S, TenantChange, CompletionStage<Void>> follow;
    private S service;
    private boolean stopped;

    /**
     * @param create builds the service (and binds its meters); no I/O before {@link #start}
     * @param gate   what must have happened before the service runs
     * @param run    starts the built service; a start that keeps retrying in the background returns at once
     * @param halt   stops it
     * @param follow hands it a tenant change
     */
    FlowPart(String name, Supplier<S> create, Supplier<CompletionStage<Void>> gate, Consumer<S> run,
             Function<S, CompletionStage<Void>> halt, BiFunction<S, TenantChange, CompletionStage<Void>> follow) {
        super(name);
        this.create = create;
        this.gate = gate;
        this.run = run;
        this.halt = halt;
        this.follow = follow;
    }

    @Override
    public CompletionStage<Void> start() {
        S built;
        synchronized (this) {
            service = create.get();
            built = service;
        }
        gate.get().thenRun(() -> {
            synchronized (this) {
                if (!stopped) {
                    run.accept(built);
                }
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> stop() {
        S running;
        synchronized (this) {
            stopped = true;
            running = service;
        }
        return running == null ? CompletableFuture.completedFuture(null) : halt.apply(running);
    }

    @Override
    public synchronized CompletionStage<Void> tenantsChanged(TenantChange change) {
        return service == null ? CompletableFuture.completedFuture(null) : follow.apply(service, change);
    }

    /** Empty until started. */
    synchronized Optional<S> service() {
        return Optional.ofNullable(service);
    }
}
