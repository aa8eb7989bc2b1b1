package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.ThingPage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.ditto.things.model.ThingId;

/**
 * Deletes every thing of some namespaces that one Ditto session may see. It always searches from the start: deleted
 * things drop out of the search, so each round sees what is left, also things a late write recreated meanwhile. That
 * makes it idempotent: after a failure, running it again continues where it stopped.
 */
final class TwinPurge {
    static final int PAGE = 200;
    private static final int CONCURRENT = 8;

    private TwinPurge() {
    }

    /** Ditto failed after {@code deleted} things were deleted; running the purge again continues. */
    static final class Failed extends RuntimeException {
        private final long deleted;
        private final transient DittoPortException failure;

        Failed(long deleted, DittoPortException failure) {
            super(failure.getMessage(), failure);
            this.deleted = deleted;
            this.failure = failure;
        }

        long deleted() {
            return deleted;
        }

        DittoPortException failure() {
            return failure;
        }
    }

    /** Completes with the number of things deleted, or fails with {@link Failed}. */
    static CompletionStage<Long> run(DittoPort session, List<String> namespaces) {
        AtomicLong deleted = new AtomicLong();
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (String namespace : namespaces) {
            all = all.thenCompose(ignored -> namespace(session, namespace, deleted, List.of()));
        }
        return all.handle((ok, error) -> {
            if (error != null) {
                throw new Failed(deleted.get(), portFailure(error));
            }
            return deleted.get();
        });
    }

    private static CompletableFuture<Void> namespace(DittoPort session, String namespace, AtomicLong deleted,
                                                     List<ThingId> previous) {
        return session.searchThings(namespace, Optional.empty(), PAGE).toCompletableFuture()
                .thenCompose((ThingPage page) -> {
                    if (page.thingIds().isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (page.thingIds().equals(previous)) {
                        // deleted, yet found again: Ditto's search lags, or something recreates them as fast
                        throw new DittoPortException(409, "twinbridge:purge.no-progress", "things of namespace "
                                + namespace + " are still found after their deletion: " + page.thingIds());
                    }
                    return deleteAll(session, page.thingIds(), 0, deleted)
                            .thenCompose(ignored -> namespace(session, namespace, deleted, page.thingIds()));
                });
    }

    /** A few deletions at a time: a page of 200 at once would queue behind each other and time out in Ditto. */
    private static CompletableFuture<Void> deleteAll(DittoPort session, List<ThingId> ids, int from,
                                                     AtomicLong deleted) {
        if (from >= ids.size()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] deletions = ids.subList(from, Math.min(ids.size(), from + CONCURRENT)).stream()
                .map(id -> session.deleteThing(id, DittoRequestOptions.defaults()).toCompletableFuture()
                        .handle((ok, error) -> {
                            if (error == null) {
                                deleted.incrementAndGet();
                                return null;
                            }
                            DittoPortException e = portFailure(error);
                            if (e.status() == 404) {
                                return null; // gone meanwhile: that is what we want
                            }
                            throw e;
                        }))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(deletions)
                .thenCompose(ignored -> deleteAll(session, ids, from + CONCURRENT, deleted));
    }

    static DittoPortException portFailure(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof DittoPortException e ? e : new DittoPortException(DittoPortException.UNAVAILABLE,
                DittoPortException.CODE_UNEXPECTED_RESPONSE, String.valueOf(cause), cause);
    }
}
