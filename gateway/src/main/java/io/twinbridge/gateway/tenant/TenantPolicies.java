package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.retry.Backoff;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start stage that puts every tenant's policy into Ditto and keeps trying until Ditto took each one, failing
 * closed: {@link #applied()} completes only then, and ingest starts only after it, so that no thing of a tenant is
 * created before the policy it references exists.
 *
 * <p>Why it must wait: Ditto refuses to create a thing whose referenced policy is missing
 * ({@code ThingEnforcerActor.loadPolicyEnforcerForCreateThing} → {@code retrievePolicyWithEnforcement}: 404), so
 * every first record of a device would be dead-lettered; and in docker-compose the gateway usually starts before
 * Ditto answers. A single attempt that only logged its failure let ingest run against a Ditto without the policies.
 */
public final class TenantPolicies {
    private static final Logger LOG = LoggerFactory.getLogger(TenantPolicies.class);

    private final TenantAdmin admin;
    private final Backoff backoff;
    private final CompletableFuture<Void> applied = new CompletableFuture<>();
    private final Set<TenantId> pending = new HashSet<>();
    private int attempt;
    private boolean stopped;

    public TenantPolicies(TenantAdmin admin, Backoff backoff) {
        this.admin = admin;
        this.backoff = backoff;
    }

    /** Starts applying in the background; completes at once, because HTTP and readiness must run meanwhile. */
    public synchronized CompletionStage<Void> start() {
        admin.list().forEach(t -> pending.add(t.id()));
        if (pending.isEmpty()) {
            applied.complete(null);
        } else {
            applyPending();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Completes once Ditto took the policy of every tenant the gateway started with. */
    public CompletionStage<Void> applied() {
        return applied.copy();
    }

    /** Gives up retrying; {@link #applied()} then never completes. */
    public synchronized CompletionStage<Void> stop() {
        stopped = true;
        return CompletableFuture.completedFuture(null);
    }

    private synchronized void applyPending() {
        if (stopped) {
            return;
        }
        Set<TenantId> wanted = Set.copyOf(pending);
        admin.apply(wanted::contains).whenComplete(this::retryOrFinish);
    }

    private synchronized void retryOrFinish(List<TenantId> failed, Throwable error) {
        if (error == null) {
            // a tenant removed meanwhile is not retried: admin.apply skips it, and it is not reported as failed
            pending.retainAll(failed);
        }
        if (pending.isEmpty()) {
            if (attempt > 0) {
                LOG.info("Tenant policies applied to Ditto after {} retries; ingest may create things now", attempt);
            }
            applied.complete(null);
            return;
        }
        long delay = backoff.delay(attempt++).toMillis();
        LOG.warn("Tenant policies of {} not applied to Ditto yet ({}); retry {} in {} ms. Ingest waits for them, so "
                + "that no thing is created without its tenant's policy", pending,
                error != null ? error.toString() : "see above", attempt, delay);
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::applyPending);
    }
}
