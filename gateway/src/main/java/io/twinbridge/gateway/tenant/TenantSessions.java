package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.tenant.document.TenantCredential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TenantDitto} with per-tenant Ditto users. A tenant with a {@code ditto} credential gets its own writer session,
 * logged in as that user and opened on first use; the others share the gateway's session. The password is read from
 * the environment variable the credential names, when the session is opened.
 */
public final class TenantSessions implements TenantDitto, TenantListener {
    private static final Logger LOG = LoggerFactory.getLogger(TenantSessions.class);

    private final DittoPort shared;
    private final DittoPortFactory sessions;
    private final Function<String, Optional<String>> environment;
    private final Map<TenantId, Owned> writers = new HashMap<>();
    private boolean closed;

    /** A session opened for one credential; replaced when the tenant's credential changes. */
    private record Owned(TenantCredential credential, DittoPort port) {
    }

    /**
     * @param shared      the gateway's own session, as {@code ditto.username}
     * @param sessions    opens sessions as {@code ditto.username}; {@link DittoPortFactory#withCredentials} as others
     * @param environment the gateway's environment, e.g. {@code name -> Optional.ofNullable(System.getenv(name))}
     */
    public TenantSessions(DittoPort shared, DittoPortFactory sessions, Function<String, Optional<String>> environment) {
        this.shared = shared;
        this.sessions = sessions;
        this.environment = environment;
    }

    @Override
    public synchronized DittoPort writer(TenantSettings tenant) {
        if (tenant.ditto().isEmpty()) {
            return shared;
        }
        TenantCredential credential = tenant.ditto().get();
        Owned owned = writers.get(tenant.id());
        if (owned != null && owned.credential().equals(credential)) {
            return owned.port();
        }
        if (closed) {
            throw new IllegalStateException("the tenant sessions are closed");
        }
        if (owned != null) {
            owned.port().close();
        }
        DittoPort port = factoryFor(credential).open("ingest-" + tenant.id());
        // Commands fail as unavailable until it is connected; ingest retries those like any Ditto outage.
        port.connect().whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("Ditto session of tenant {} as {} not connected yet ({}); it keeps retrying", tenant.id(),
                        credential.username(), failure.getMessage());
            }
        });
        writers.put(tenant.id(), new Owned(credential, port));
        LOG.info("Tenant {} writes to Ditto as its own user {}", tenant.id(), credential.username());
        return port;
    }

    @Override
    public DittoPort open(TenantSettings tenant, String sessionName, Set<String> declaredAcks) {
        return tenant.ditto().map(this::factoryFor).orElse(sessions).open(sessionName, declaredAcks);
    }

    /**
     * Closes the sessions of tenants that are gone or no longer have this credential of their own; the directory
     * calls it after egress closed the tenant's event sessions.
     */
    @Override
    public synchronized CompletableFuture<Void> tenantsChanged(TenantChange change) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        change.removed().forEach(gone -> closeOwned(gone.id(), closing));
        for (TenantSettings now : change.changed()) {
            Owned owned = writers.get(now.id());
            if (owned != null && !now.ditto().map(owned.credential()::equals).orElse(false)) {
                closeOwned(now.id(), closing);
            }
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    /** Closes every session of a tenant's own; not the shared one, which its owner closes. */
    public synchronized CompletableFuture<Void> close() {
        closed = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        List.copyOf(writers.keySet()).forEach(id -> closeOwned(id, closing));
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    private void closeOwned(TenantId id, List<CompletableFuture<Void>> closing) {
        Owned owned = writers.remove(id);
        if (owned != null) {
            closing.add(owned.port().close().toCompletableFuture());
        }
    }

    private DittoPortFactory factoryFor(TenantCredential credential) {
        String password = environment.apply(credential.passwordEnv()).filter(p -> !p.isEmpty())
                .orElseThrow(() -> new IllegalStateException("cannot log in to Ditto as " + credential.username()
                        + ": the gateway's environment variable " + credential.passwordEnv() + " is not set"));
        return sessions.withCredentials(credential.username(), password);
    }
}
