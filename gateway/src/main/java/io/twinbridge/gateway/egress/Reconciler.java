package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.StatePage;
import io.twinbridge.gateway.logging.LogContext;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.CloseableThreadContext;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the things of one tenant whose revision in Ditto is ahead of the last one egress published, and has their
 * current state published as resync records (and a deletion record for a thing that is gone). Three ways in:
 * <ul>
 *   <li>a <b>full sweep</b> at start and after every reconnect: Ditto's search pages through every thing of the
 *   tenant's namespaces with {@code _revision} and {@code _modified}; known things that were not found and that
 *   Ditto no longer has are deleted;</li>
 *   <li>a <b>periodic sweep</b> every {@code egress.reconcile-interval}: the things with
 *   {@code gt(_modified,"<start of the previous sweep - overlap>")}, at most {@code egress.reconcile-max-things} per
 *   round (the rest in the next rounds), for events Ditto dropped (issue 11.8: a full publisher buffer drops
 *   WebSocket events, and a lost last change shows no gap);</li>
 *   <li><b>one thing</b> at a time, when its events showed a gap or could not be published.</li>
 * </ul>
 * A thing found ahead whose last change is recent is not published at once: its event is likely still on its way;
 * it is checked again after {@link #GRACE}, and published only if no event covered it by then. Confined to the
 * tenant's worker thread, except {@link #want}.
 */
final class Reconciler {
    /** Time an event is given to arrive before a sweep publishes the state instead. */
    static final Duration GRACE = Duration.ofSeconds(10);
    /**
     * Each periodic sweep looks back this much before the previous one started: Ditto's search index is written
     * asynchronously (search.conf {@code updater.stream.write-interval = 1s}), and the clocks of Ditto and the
     * gateway may differ a little.
     */
    static final Duration OVERLAP = Duration.ofSeconds(30);
    static final int PAGE = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** Publishes what a sweep found. */
    interface Publisher {
        /** @param thing the thing's current state, without {@code _revision} and {@code _modified} */
        void state(String thingId, JsonObject thing, long revision, Instant modified);

        /** The thing is gone from Ditto; {@code lastRevision} is the last one published. */
        void deleted(String thingId, long lastRevision);
    }

    private record Recheck(long revision, Instant due) {
    }

    private final TenantSettings tenant;
    private final DittoPort ditto;
    private final Executor worker;
    private final Revisions revisions;
    private final Publisher publisher;
    private final Admission admission;
    private final Duration interval;
    private final int maxThings;
    private final Duration dittoWait;
    private final Clock clock;
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private final Map<String, Recheck> rechecks = new HashMap<>();
    private boolean sweeping;
    private boolean readingWanted;
    private Optional<Instant> fullSweepWanted = Optional.empty();
    private Optional<Instant> since = Optional.empty();
    private Instant nextPeriodic;
    /** A periodic sweep that hit {@code maxThings}: its filter and where the next round goes on. */
    private Optional<String> periodicFilter = Optional.empty();
    private Optional<String> periodicCursor = Optional.empty();
    private Instant periodicStarted;

    Reconciler(TenantSettings tenant, DittoPort ditto, Executor worker, Revisions revisions, Publisher publisher,
               Admission admission, Duration interval, int maxThings, Duration dittoWait, Clock clock) {
        this.tenant = tenant;
        this.ditto = ditto;
        this.worker = worker;
        this.revisions = revisions;
        this.publisher = publisher;
        this.admission = admission;
        this.interval = interval;
        this.maxThings = maxThings;
        this.dittoWait = dittoWait;
        this.clock = clock;
        this.nextPeriodic = clock.instant().plus(interval);
    }

    /** Any thread: the thing's events were lost or not published; read it back from Ditto. */
    void want(String thingId) {
        wanted.add(thingId);
    }

    /**
     * Worker: sweeps every thing; things changed after {@code subscribedAt} are left to their events (and checked
     * again after {@link #GRACE}). Runs after the sweep under way, if any.
     */
    void fullSweep(Instant subscribedAt) {
        fullSweepWanted = Optional.of(subscribedAt);
        startFullSweep();
    }

    /** Worker, every second: due rechecks, the things wanted, a pending or periodic sweep. */
    void tick() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Recheck>> it = rechecks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Recheck> recheck = it.next();
            if (!recheck.getValue().due().isAfter(now)) {
                it.remove();
                if (revisions.last(recheck.getKey()) < recheck.getValue().revision()) {
                    wanted.add(recheck.getKey());
                }
            }
        }
        readWanted();
        if (startFullSweep()) {
            return;
        }
        if (!sweeping && since.isPresent() && !interval.isZero() && !now.isBefore(nextPeriodic)
                && ditto.isConnected()) {
            startPeriodicSweep(now);
        }
    }

    private boolean startFullSweep() {
        if (sweeping || fullSweepWanted.isEmpty() || !ditto.isConnected()) {
            return false;
        }
        // changed after the subscription: its event comes (or came); Ditto's clock is taken to agree with ours
        Instant freshAfter = fullSweepWanted.get();
        fullSweepWanted = Optional.empty();
        sweeping = true;
        Instant started = clock.instant();
        Set<String> known = revisions.things();
        Set<String> seen = new HashSet<>();
        LOG.info("egress of {}: full sweep of {} for changes missed, {} thing(s) known", tenant.id(),
                tenant.namespaces(), known.size());
        fullPage(Optional.empty(), freshAfter, known, seen, started, new int[2]);
        return true;
    }

    private void fullPage(Optional<String> cursor, Instant freshAfter, Set<String> known, Set<String> seen,
                          Instant started, int[] counts) {
        ditto.searchStates(tenant.namespaces(), Optional.empty(), cursor, PAGE).toCompletableFuture()
                .orTimeout(dittoWait.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((page, failure) -> {
                    if (failure != null) {
                        LOG.warn("egress of {}: full sweep failed, retrying: {}", tenant.id(), failure.toString());
                        sweeping = false;
                        fullSweepWanted = Optional.of(freshAfter);
                        return;
                    }
                    for (JsonObject thing : page.things()) {
                        thingIdOf(thing).ifPresent(id -> {
                            seen.add(id);
                            counts[0]++;
                            if (consider(id, thing, freshAfter)) {
                                counts[1]++;
                            }
                        });
                    }
                    if (page.cursor().isPresent()) {
                        fullPage(page.cursor(), freshAfter, known, seen, started, counts);
                    } else {
                        LOG.info("egress of {}: full sweep found {} thing(s), {} published as resync records",
                                tenant.id(), counts[0], counts[1]);
                        Set<String> missing = new HashSet<>(known);
                        missing.removeAll(seen);
                        confirmDeletions(List.copyOf(missing), 0, started);
                    }
                }, worker);
    }

    /** Known things the search did not find: deleted, or not in the search index yet. Ditto's answer decides. */
    private void confirmDeletions(List<String> missing, int index, Instant sweepStarted) {
        if (index >= missing.size()) {
            sweeping = false;
            since = Optional.of(sweepStarted.minus(OVERLAP));
            nextPeriodic = clock.instant().plus(interval);
            startFullSweep();
            return;
        }
        String thingId = missing.get(index);
        retrieve(thingId).whenCompleteAsync((state, failure) -> {
                    if (failure != null) {
                        LOG.warn("egress of {}: cannot tell whether {} was deleted: {}; reading it later",
                                tenant.id(), thingId, failure.toString());
                        wanted.add(thingId);
                    } else if (state.isEmpty()) {
                        gone(thingId);
                    } else {
                        wanted.add(thingId);
                    }
                    confirmDeletions(missing, index + 1, sweepStarted);
                }, worker);
    }

    private void gone(String thingId) {
        long last = revisions.last(thingId);
        if (last > 0) {
            try (CloseableThreadContext.Instance ignored = LogContext.of(tenant.id().value(), thingId, null)) {
                publisher.deleted(thingId, last);
            }
        }
    }

    private void startPeriodicSweep(Instant now) {
        sweeping = true;
        if (periodicFilter.isEmpty()) {
            periodicStarted = now;
            periodicFilter = Optional.of("gt(_modified,\"" + since.get().truncatedTo(ChronoUnit.MILLIS) + "\")");
        }
        periodicPage(periodicCursor, new int[2]);
    }

    private void periodicPage(Optional<String> cursor, int[] counts) {
        ditto.searchStates(tenant.namespaces(), periodicFilter, cursor, PAGE).toCompletableFuture()
                .orTimeout(dittoWait.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((page, failure) -> {
                    if (failure != null) {
                        LOG.warn("egress of {}: reconciliation sweep failed, retrying in {}: {}", tenant.id(),
                                interval, failure.toString());
                        endPeriodic(cursor);
                        return;
                    }
                    Instant freshAfter = clock.instant().minus(GRACE);
                    for (JsonObject thing : page.things()) {
                        thingIdOf(thing).ifPresent(id -> {
                            counts[0]++;
                            if (consider(id, thing, freshAfter)) {
                                counts[1]++;
                            }
                        });
                    }
                    if (counts[1] > 0) {
                        LOG.info("egress of {}: reconciliation found {} thing(s) ahead of the topic", tenant.id(),
                                counts[1]);
                    }
                    if (page.cursor().isPresent() && counts[0] < maxThings) {
                        periodicPage(page.cursor(), counts);
                    } else {
                        endPeriodic(page.cursor());
                    }
                }, worker);
    }

    /** @param cursor where the next round goes on, when the round stopped at its bound */
    private void endPeriodic(Optional<String> cursor) {
        sweeping = false;
        nextPeriodic = clock.instant().plus(interval);
        periodicCursor = cursor;
        if (cursor.isEmpty()) {
            since = Optional.of(periodicStarted.minus(OVERLAP));
            periodicFilter = Optional.empty();
        }
    }

    /**
     * A thing as the search found it: published now if it is ahead and its last change is not recent, checked again
     * later if it is ahead and recent. @return whether it was published
     */
    private boolean consider(String thingId, JsonObject thing, Instant freshAfter) {
        long revision = thing.getValue("_revision").filter(JsonValue::isNumber).map(JsonValue::asLong).orElse(0L);
        if (revision <= revisions.last(thingId)) {
            return false;
        }
        Instant modified = thing.getValue("_modified").filter(JsonValue::isString)
                .map(v -> Instant.parse(v.asString())).orElseGet(clock::instant);
        if (modified.isAfter(freshAfter)) {
            rechecks.put(thingId, new Recheck(revision, clock.instant().plus(GRACE)));
            return false;
        }
        try (CloseableThreadContext.Instance ignored = LogContext.of(tenant.id().value(), thingId, null)) {
            publisher.state(thingId, thing.remove("_revision").remove("_modified"), revision, modified);
        }
        return true;
    }

    /** Reads back, one after the other, the things wanted; without blocking the worker. */
    private void readWanted() {
        if (readingWanted || wanted.isEmpty() || !admission.hasRoom() || !ditto.isConnected()) {
            return;
        }
        readingWanted = true;
        readNext(List.copyOf(wanted), 0);
    }

    /** The thing's state as Ditto has it now, or a failure once Ditto took longer than {@code dittoWait}. */
    private CompletableFuture<Optional<JsonObject>> retrieve(String thingId) {
        return ditto.retrieveThingState(ThingId.of(thingId)).toCompletableFuture()
                .orTimeout(dittoWait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void readNext(List<String> thingIds, int index) {
        if (index >= thingIds.size()) {
            readingWanted = false;
            return;
        }
        String thingId = thingIds.get(index);
        retrieve(thingId).whenCompleteAsync((state, failure) -> {
                    if (failure != null) {
                        LOG.warn("resynchronising {} failed, retrying in a second: {}", thingId, failure.toString());
                        readingWanted = false;
                        return;
                    }
                    wanted.remove(thingId);
                    if (state.isPresent()) {
                        consider(thingId, state.get(), Instant.MAX);
                    } else {
                        gone(thingId);
                    }
                    readNext(thingIds, index + 1);
                }, worker);
    }

    private static Optional<String> thingIdOf(JsonObject thing) {
        return thing.getValue("thingId").filter(JsonValue::isString).map(JsonValue::asString);
    }

    /** Things waiting for a read or a recheck, for tests. */
    int pending() {
        return wanted.size() + rechecks.size();
    }
}
