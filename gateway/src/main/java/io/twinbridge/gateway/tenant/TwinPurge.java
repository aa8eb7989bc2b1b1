package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.ThingPage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.ditto.things.model.ThingId;

/**
 * Deletes every thing of some namespaces that one Ditto session may see. It always searches from the start: deleted
 * things drop out of the search, so each round sees what is left, also things a late write recreated meanwhile. That
 * makes it idempotent: after a failure, running it again continues where it stopped.
 *
 * <p>Ditto's search index follows the things asynchronously, so right after a page was deleted the same page is
 * usually found again. A search that finds only things this run deleted already is therefore repeated with backoff
 * (100 ms doubling to 2 s), and only after {@link #SETTLE_LIMIT} without progress does the purge fail.
 */
final class TwinPurge {
    static final int PAGE = 200;
    private static final int CONCURRENT = 8;
    /** How long a search may keep finding only deleted things before the purge gives up (409 no-progress). */
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

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
            all = all.thenCompose(ignored -> namespace(session, namespace, deleted, ConcurrentHashMap.newKeySet(),
                    Duration.ZERO));
        }
        return all.handle((ok, error) -> {
            if (error != null) {
                throw new Failed(deleted.get(), portFailure(error));
            }
            return deleted.get();
        });
    }

    private static CompletableFuture<Void> namespace(DittoPort session, String namespace, AtomicLong deleted,
                                                     Set<ThingId> gone, Duration waited) {
        return session.searchThings(namespace, Optional.empty(), PAGE).toCompletableFuture()
                .thenCompose((ThingPage page) -> {
                    if (page.thingIds().isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (gone.containsAll(page.thingIds())) {
                        // Everything found was deleted already: Ditto's search index lags behind the deletions (it is
                        // updated asynchronously, search.conf updater.stream.write-interval = 1s). Wait and search
                        // again, longer each time, up to SETTLE_LIMIT without progress.
                        if (waited.compareTo(SETTLE_LIMIT) >= 0) {
                            throw new DittoPortException(409, "twinbridge:purge.no-progress", "things of namespace "
                                    + namespace + " are still found " + waited.toMillis() + " ms after their "
                                    + "deletion (" + page.thingIds().size() + ", e.g. "
                                    + page.thingIds().subList(0, Math.min(5, page.thingIds().size())) + ")");
                        }
                        Duration pause = nextPause(waited);
                        return CompletableFuture.supplyAsync(() -> null,
                                        CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS))
                                .thenCompose(ignored -> namespace(session, namespace, deleted, gone,
                                        waited.plus(pause)));
                    }
                    // Things never deleted before are in the page: progress. Ids deleted before are deleted again,
                    // since a late write may have recreated them; a 404 for one the index still shows is fine.
                    return deleteAll(session, page.thingIds(), 0, deleted)
                            .thenCompose(ignored -> {
                                gone.addAll(page.thingIds());
                                return namespace(session, namespace, deleted, gone, Duration.ZERO);
                            });
                });
    }

    /** 100 ms, then doubling, at most 2 s; never beyond {@link #SETTLE_LIMIT} in total. */
    static Duration nextPause(Duration waited) {
        Duration pause = waited.isZero() ? FIRST_PAUSE : waited.compareTo(MAX_PAUSE) >= 0 ? MAX_PAUSE : waited;
        Duration left = SETTLE_LIMIT.minus(waited);
        return pause.compareTo(left) > 0 ? left : pause;
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
