package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.tenant.document.Checked;
import io.twinbridge.gateway.tenant.document.DocumentProblem;
import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.document.TenantDocumentReader;
import io.twinbridge.gateway.tenant.document.TenantJson;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import io.twinbridge.gateway.tenant.policy.PolicyRenderer;
import io.twinbridge.gateway.tenant.policy.TenantPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.ditto.policies.model.PolicyId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds, replaces and removes tenants at run time: check, render, apply the policy to Ditto, then serve. Changes run
 * one after the other, so two PUTs can never both claim the same namespace.
 *
 * <p>A tenant is one policy, so applying it is one Ditto command: it either takes effect or not. Only after Ditto
 * confirmed it does the tenant change in the {@link TenantDirectory} and in the tenants file.
 */
public final class TenantAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TenantAdmin.class);

    private final TenantDocumentReader reader;
    private final PolicyRenderer renderer;
    private final DittoPort ditto;
    private final TenantDirectory directory;
    private final CodecKind defaultCodec;
    private final Optional<Path> file;
    private final TenantDitto sessions;
    private final Function<String, Optional<String>> environment;
    private volatile TenantDocument document;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    /**
     * @param initial   the tenants the gateway serves now, as declared (may be empty)
     * @param directory the directory ingest reads; updated after every applied change, and it tells ingest, egress
     *                  and the dashboard
     * @param file      where to write the document after each change, if anywhere
     * @param sessions  each tenant's Ditto sessions, for purging its twins as its technical subject
     * @param environment the gateway's environment, to check that a tenant's Ditto password variable is set
     */
    public TenantAdmin(TenantDocument initial, TenantDocumentReader reader, PolicyRenderer renderer, DittoPort ditto,
                       TenantDirectory directory, CodecKind defaultCodec, Optional<Path> file,
                       TenantDitto sessions, Function<String, Optional<String>> environment) {
        this.sessions = sessions;
        this.environment = environment;
        this.document = initial;
        this.reader = reader;
        this.renderer = renderer;
        this.ditto = ditto;
        this.directory = directory;
        this.defaultCodec = defaultCodec;
        this.file = file;
    }

    public List<TenantSpec> list() {
        return document.tenants();
    }

    public Optional<TenantSpec> get(TenantId id) {
        return document.tenant(id);
    }

    public TenantPolicy policyOf(TenantSpec tenant) {
        return renderer.render(tenant);
    }

    /** Checks, renders and (unless {@code dryRun}) applies one tenant. Never fails: see {@link PutOutcome}. */
    public CompletionStage<PutOutcome> put(String id, byte[] body, boolean dryRun) {
        return serially(() -> doPut(id, body, dryRun));
    }

    /**
     * Applies the policy of every tenant to Ditto, e.g. at start, so that things ingest creates find their policy.
     * Idempotent. Completes with the ids of the tenants whose policy Ditto did not take (logged), empty if none.
     */
    public CompletionStage<List<TenantId>> applyAll() {
        return apply(id -> true);
    }

    /** Like {@link #applyAll()}, for those of the current tenants that {@code which} selects. */
    public CompletionStage<List<TenantId>> apply(java.util.function.Predicate<TenantId> which) {
        return serially(() -> {
            CompletableFuture<List<TenantId>> all = CompletableFuture.completedFuture(new ArrayList<>());
            for (TenantSpec tenant : document.tenants()) {
                if (!which.test(tenant.id())) {
                    continue;
                }
                TenantPolicy policy = renderer.render(tenant);
                all = all.thenCompose(failed -> ditto.putPolicy(PolicyId.of(policy.policyId()), policy.json(),
                        DittoRequestOptions.defaults()).handle((ok, error) -> {
                            if (error != null) {
                                LOG.warn("Applying policy {} of tenant {} failed: {}", policy.policyId(), tenant.id(),
                                        dittoFailure(error).getMessage());
                                failed.add(tenant.id());
                            }
                            return failed;
                        }));
            }
            return all.thenApply(List::copyOf);
        });
    }

    /** Stops serving the tenant. Its policy and twins stay in Ditto. Empty if there was no such tenant. */
    public CompletionStage<Optional<TenantSpec>> remove(TenantId id) {
        return serially(() -> {
            Optional<TenantSpec> existing = document.tenant(id);
            if (existing.isPresent()) {
                TenantDocument changed = document.without(id);
                persist(changed);
                document = changed;
                LOG.info("Tenant {} removed; its policy {} and its twins stay in Ditto", id,
                        existing.get().policyId());
                directory.remove(id);
            }
            return CompletableFuture.completedFuture(existing);
        });
    }

    /**
     * Stops serving the tenant, then deletes every thing of its namespaces that its technical subject can see, then
     * removes it. Its policy stays in Ditto (later twins of the same namespaces would need it, and the shared user
     * keeps it up to date). If Ditto fails half way, the tenant stays in the document without being served, so that
     * the same call continues the purge.
     */
    public CompletionStage<PurgeOutcome> removeAndPurge(TenantId id) {
        return serially(() -> {
            Optional<TenantSpec> existing = document.tenant(id);
            if (existing.isEmpty()) {
                return CompletableFuture.completedFuture(new PurgeOutcome.NotFound());
            }
            TenantSpec spec = existing.get();
            // flows stop first, so that ingest does not recreate what is being deleted
            directory.remove(id);
            DittoPort session;
            try {
                session = sessions.open(spec.settings(defaultCodec), "purge-" + id, java.util.Set.of());
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(new PurgeOutcome.DittoFailed(spec, 0, new DittoPortException(
                        DittoPortException.UNAVAILABLE, DittoPortException.CODE_UNAVAILABLE, e.getMessage(), e)));
            }
            return session.connect().thenCompose(connected -> TwinPurge.run(session, spec.namespaces()))
                    .handle((deleted, error) -> {
                        session.close();
                        if (error != null) {
                            Throwable cause = error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause() : error;
                            long count = cause instanceof TwinPurge.Failed f ? f.deleted() : 0;
                            DittoPortException failure = cause instanceof TwinPurge.Failed f ? f.failure()
                                    : TwinPurge.portFailure(cause);
                            LOG.warn("Purging the twins of tenant {} failed after {} thing(s): {}; repeat the DELETE "
                                    + "to continue", id, count, failure.getMessage());
                            return (PurgeOutcome) new PurgeOutcome.DittoFailed(spec, count, failure);
                        }
                        TenantDocument changed = document.without(id);
                        persist(changed);
                        document = changed;
                        LOG.info("Tenant {} removed and its {} thing(s) deleted; its policy {} stays in Ditto", id,
                                deleted, spec.policyId());
                        return new PurgeOutcome.Purged(spec, deleted);
                    });
        });
    }

    /** The problems of tenants this gateway cannot serve as declared; empty if it can serve them all. */
    public static List<DocumentProblem> unsupported(TenantSpec tenant, Function<String, Optional<String>> environment,
                                                    String base) {
        List<DocumentProblem> problems = new ArrayList<>();
        tenant.ditto().ifPresent(credential -> {
            if (environment.apply(credential.passwordEnv()).filter(p -> !p.isEmpty()).isEmpty()) {
                // refused now rather than failing every write of the tenant later
                problems.add(new DocumentProblem(base + "/ditto/passwordEnv", "the gateway's environment variable "
                        + credential.passwordEnv() + " is not set, so it cannot log in to Ditto as "
                        + credential.username()));
            }
        });
        return problems;
    }

    private CompletionStage<PutOutcome> doPut(String id, byte[] body, boolean dryRun) {
        Checked<TenantSpec> checked = reader.readTenant(body, id, document);
        if (checked instanceof Checked.Invalid<TenantSpec> invalid) {
            return CompletableFuture.completedFuture(new PutOutcome.Invalid(invalid.problems()));
        }
        TenantSpec spec = ((Checked.Valid<TenantSpec>) checked).value();
        List<DocumentProblem> unsupported = unsupported(spec, environment, "");
        if (!unsupported.isEmpty()) {
            return CompletableFuture.completedFuture(new PutOutcome.Invalid(unsupported));
        }
        TenantPolicy policy;
        try {
            policy = renderer.render(spec);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new PutOutcome.Invalid(List.of(
                    new DocumentProblem("", e.getMessage()))));
        }
        if (dryRun) {
            return CompletableFuture.completedFuture(new PutOutcome.Rendered(spec, policy));
        }
        return ditto.putPolicy(PolicyId.of(policy.policyId()), policy.json(), DittoRequestOptions.defaults())
                .handle((ok, error) -> {
                    if (error != null) {
                        return new PutOutcome.DittoFailed(dittoFailure(error));
                    }
                    boolean created = document.tenant(spec.id()).isEmpty();
                    TenantDocument changed = document.with(spec);
                    persist(changed);
                    document = changed;
                    LOG.info("Tenant {} {}: policy {} applied", spec.id(), created ? "added" : "updated",
                            policy.policyId());
                    directory.put(spec.settings(defaultCodec));
                    return new PutOutcome.Applied(spec, policy, created);
                });
    }

    private void persist(TenantDocument changed) {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get().toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.write(temp, TenantJson.bytes(changed));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tenants file " + target, e);
        }
    }

    private synchronized <T> CompletionStage<T> serially(java.util.function.Supplier<CompletionStage<T>> step) {
        CompletableFuture<T> next = tail.handle((ignored, error) -> null)
                .thenCompose(ignored -> step.get().toCompletableFuture());
        tail = next;
        return next;
    }

    private static DittoPortException dittoFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof DittoPortException e ? e : new DittoPortException(DittoPortException.UNAVAILABLE,
                DittoPortException.CODE_UNEXPECTED_RESPONSE, String.valueOf(cause), cause);
    }
}
