package io.twinbridge.gateway.tenant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.retry.Backoff;
import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.policy.GatewaySubjects;
import io.twinbridge.gateway.tenant.policy.PolicyRenderer;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 11.9: at start the tenant policies are retried until Ditto took each one, and only then reported applied. */
class TenantPoliciesTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(10), Duration.ofMillis(20), () -> 0.5);

    private final Map<String, AtomicInteger> puts = new ConcurrentHashMap<>();
    private final AtomicInteger acmeFailuresLeft = new AtomicInteger();

    /** Ditto that answers 503 to acme's policy while {@link #acmeFailuresLeft} lasts, as while it starts. */
    private DittoPort ditto() {
        return (DittoPort) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DittoPort.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("putPolicy")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String policyId = args[0].toString();
                    puts.computeIfAbsent(policyId, id -> new AtomicInteger()).incrementAndGet();
                    if (policyId.startsWith("acme:") && acmeFailuresLeft.getAndDecrement() > 0) {
                        return CompletableFuture.failedFuture(new DittoPortException(503,
                                DittoPortException.CODE_UNAVAILABLE, "Ditto is starting"));
                    }
                    return CompletableFuture.completedFuture(null);
                });
    }

    private TenantPolicies policies(DittoPort ditto) {
        TenantDocument document = TenantDocs.example();
        TenantAdmin admin = new TenantAdmin(document, TenantDocs.reader(), new PolicyRenderer(
                ModelRegistry.fromClasspath(), new GatewaySubjects("nginx", "ditto")), ditto,
                TenantDocuments.directory(document, CodecKind.AUTO), CodecKind.AUTO, Optional.empty(),
                TenantDitto.shared(ditto, null), name -> Optional.empty());
        return new TenantPolicies(admin, QUICK);
    }

    @Test
    void retriesTheFailedPoliciesUntilDittoTookEachAndOnlyThenReportsThemApplied() throws Exception {
        acmeFailuresLeft.set(3);
        TenantPolicies policies = policies(ditto());
        CompletableFuture<Void> applied = policies.applied().toCompletableFuture();

        policies.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
        applied.get(10, TimeUnit.SECONDS);

        assertEquals(4, puts.get("acme:tenant-policy").get(), "three refusals, then taken");
        assertEquals(1, puts.get("globex:tenant-policy").get(), "a policy Ditto took is not put again");
    }

    @Test
    void failsClosedWhileDittoRefusesAndStopsRetryingWhenStopped() throws Exception {
        acmeFailuresLeft.set(Integer.MAX_VALUE);
        TenantPolicies policies = policies(ditto());
        policies.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> puts.get("acme:tenant-policy").get() >= 3);
        assertFalse(policies.applied().toCompletableFuture().isDone(), "not applied while Ditto refuses");
        policies.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
        int afterStop = puts.get("acme:tenant-policy").get();
        // the retry that was already scheduled may still run once
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(() -> puts.get("acme:tenant-policy").get() <= afterStop + 1);
        assertTrue(puts.get("acme:tenant-policy").get() <= afterStop + 1);
        assertFalse(policies.applied().toCompletableFuture().isDone());
    }

    @Test
    void withoutTenantsThereIsNothingToWaitFor() throws Exception {
        DittoPort ditto = ditto();
        TenantAdmin admin = new TenantAdmin(new TenantDocument(List.of()), TenantDocs.reader(), new PolicyRenderer(
                ModelRegistry.fromClasspath(), new GatewaySubjects("nginx", "ditto")), ditto,
                new TenantDirectory(List.of()), CodecKind.AUTO, Optional.empty(), TenantDitto.shared(ditto, null),
                name -> Optional.empty());
        TenantPolicies policies = new TenantPolicies(admin, QUICK);

        policies.start();

        policies.applied().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(puts.isEmpty());
    }
}
