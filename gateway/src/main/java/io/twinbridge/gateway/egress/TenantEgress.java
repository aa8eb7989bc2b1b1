package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.cache.BoundedLruCache;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.ditto.TwinEventListener;
import io.twinbridge.gateway.ditto.TwinEvents;
import io.twinbridge.gateway.mapping.FeatureValues;
import io.twinbridge.gateway.mapping.TwinRecords;
import io.twinbridge.gateway.logging.LogContext;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.CloseableThreadContext;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Egress of one tenant while this instance is its active one: its own Ditto session subscribed to the tenant's
 * namespaces, and one worker thread that turns events into records in the order Ditto sent them, so that records
 * of a thing reach Kafka in revision order. The jobs are split: {@link Admission} (buffer bound, acknowledgements
 * withheld), {@link Revisions} (order and gaps), {@link RecordSender} (Kafka), {@link DesiredLoop} (commands,
 * clearing applied desired values), {@link Reconciler} (resync) and {@link PositionStore} (durable position).
 */
final class TenantEgress implements TwinEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(TenantEgress.class);
    private static final long TICK_MS = 1000;
    private static final int ACK_OK = 200;
    private static final int ACK_FAILED = 503;

    /** What a tenant's egress is built from, beside its tenant and session. */
    record Parts(DittoPort writer, RecordSender sender, TwinRecords records, DesiredCommands commands,
                 PositionStore position, Optional<String> ackLabel, int maxBuffered, int maxCachedThings,
                 Duration reconcileInterval, int reconcileMaxThings, Duration dittoWait, EgressStats stats) {
    }

    private final TenantSettings tenant;
    private final DittoPort events;
    private final String eventsTopic;
    private final TwinRecords records;
    private final RecordSender sender;
    private final PositionStore position;
    private final Optional<String> ackLabel;
    private final EgressStats stats;
    /** The worker: one thread, tasks in submission order (a plain queue, cheaper per event than a scheduled one). */
    private final ExecutorService worker;
    /** Only submits the periodic tasks to the worker. */
    private final ScheduledExecutorService timer;
    private final Admission admission;
    private final Revisions revisions = new Revisions();
    /** Things read back after a revision gap, with their events that came meanwhile (worker thread). */
    private final Map<String, List<TwinEvent>> held = new HashMap<>();
    private final Duration dittoWait;
    /** What egress knows of the things it saw lately; past the bound the least recently used one is learnt again. */
    private final BoundedLruCache<String, ThingFacts> facts;
    private final DesiredLoop desired;
    private final Reconciler reconciler;

    TenantEgress(TenantSettings tenant, DittoPort events, String eventsTopic, String commandsTopic, Parts parts) {
        this.tenant = tenant;
        this.events = events;
        this.eventsTopic = eventsTopic;
        this.records = parts.records();
        this.sender = parts.sender();
        this.position = parts.position();
        this.ackLabel = parts.ackLabel();
        this.stats = parts.stats();
        this.dittoWait = parts.dittoWait();
        this.worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "twinbridge-egress-" + tenant.id()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "twinbridge-egress-timer-" + tenant.id());
            thread.setDaemon(true);
            return thread;
        });
        this.admission = new Admission(parts.maxBuffered(), parts.ackLabel());
        this.facts = new BoundedLruCache<>(parts.maxCachedThings());
        this.desired = new DesiredLoop(events, parts.writer(), parts.commands(), sender, commandsTopic, worker,
                parts.dittoWait(), stats);
        this.reconciler = new Reconciler(tenant, events, worker, revisions, new Resyncs(), admission,
                parts.reconcileInterval(), parts.reconcileMaxThings(), parts.dittoWait(), Clock.systemUTC());
    }

    /**
     * Starts from the stored position, connects the tenant's session and subscribes; completes on Ditto's
     * {@code START-SEND-EVENTS:ACK}, after which a full sweep publishes what changed since the position. The
     * subscription is registered at once, so that a session that connects only later (Ditto down at start) still
     * sends it when it does.
     */
    CompletionStage<Void> start(Map<String, Long> stored) {
        worker.execute(() -> revisions.load(stored));
        timer.scheduleWithFixedDelay(() -> onWorker(this::tick), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> onWorker(this::flushPosition), PositionStore.FLUSH_INTERVAL.toMillis(),
                PositionStore.FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        CompletionStage<Void> connected = events.connect();
        CompletionStage<Void> subscribed = events.subscribeTwinEvents(tenant.namespaces(), this);
        // the sweep follows Ditto's acknowledgement whenever it comes, also when Ditto was down at start
        subscribed.thenRun(() -> {
            Instant subscribedAt = Instant.now();
            onWorker(() -> reconciler.fullSweep(subscribedAt));
        });
        return connected.thenCombine(subscribed, (a, b) -> null);
    }

    /** Waits for the worker to hand its queue to Kafka, writes the position, then closes the session. */
    CompletionStage<Void> stop(Duration timeout) {
        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> {
            timer.shutdownNow();
            worker.shutdown();
            try {
                worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.shutdownNow();
        });
        return drained.thenCompose(ok -> position.flush().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .handle((written, failure) -> {
                            if (failure != null) {
                                LOG.warn("egress of {}: position not written on stop ({}); the things concerned "
                                        + "are published again as resync records", tenant.id(), failure.toString());
                            }
                            return null;
                        }))
                .thenCompose(ok -> events.close());
    }

    /** Stops at once, as a crash would: nothing is drained, nothing written. */
    void crash() {
        timer.shutdownNow();
        worker.shutdownNow();
        events.close();
    }

    int buffered() {
        return admission.buffered();
    }

    /** Things whose last published revision egress holds, and things whose facts it caches (worker thread). */
    CompletableFuture<int[]> tracked() {
        return CompletableFuture.supplyAsync(() -> new int[] {revisions.size(), facts.size()}, worker);
    }

    /** The thing's facts, created empty when not known (worker thread). */
    private ThingFacts factsOf(String thingId) {
        return facts.getOrCreate(thingId, id -> new ThingFacts());
    }

    TenantSettings tenant() {
        return tenant;
    }

    DittoPort session() {
        return events;
    }

    /**
     * On the WebSocket's reading thread: only bounds and hands off. The log context is set only where this thread
     * logs (a full buffer, a stopping worker): filling and clearing the thread context for every admitted event cost
     * the reading thread a fair share of its time per event; the worker sets it for the event's whole flow.
     */
    @Override
    public void onEvent(TwinEvent event) {
        admit(event);
    }

    /** The log context of an event's flow: tenant, thing and the correlation id of the command that caused it. */
    private CloseableThreadContext.Instance logContext(TwinEvent event) {
        return LogContext.of(tenant.id().value(), event.thingId(), event.correlationId().orElse(null));
    }

    private void admit(TwinEvent event) {
        if (worker.isShutdown()) {
            stats.eventsDropped.increment();
            logWithContext(event, () -> LOG.warn("egress of {} is stopping: event {} rev {} not published",
                    tenant.id(), event.thingId(), event.revision()));
            return;
        }
        switch (admission.admit(event)) {
            case ADMITTED -> worker.execute(() -> handle(event));
            case WITHHELD -> {
                // Ditto answers the sender 408/424 for the missing acknowledgement; ingest retries, nothing is lost
                stats.acksWithheld.increment();
                logWithContext(event, () -> LOG.debug("egress buffer of {} full: not acknowledging {} rev {}",
                        tenant.id(), event.thingId(), event.revision()));
            }
            case DROPPED -> {
                stats.eventsDropped.increment();
                reconciler.want(event.thingId());
                logWithContext(event, () -> LOG.warn("egress buffer of {} full ({} events): dropped event {} rev {} "
                        + "({}); the thing is resynchronised once the buffer drains", tenant.id(), admission.max(),
                        event.thingId(), event.revision(), event.action()));
            }
        }
    }

    private void logWithContext(TwinEvent event, Runnable log) {
        try (CloseableThreadContext.Instance ignored = logContext(event)) {
            log.run();
        }
    }

    @Override
    public void onReconnected() {
        Instant subscribedAt = Instant.now();
        worker.execute(() -> reconciler.fullSweep(subscribedAt));
    }

    /** A task of its own on the worker, which holds no flow context between tasks. */
    private void handle(TwinEvent event) {
        try (LogContext.Task ignored = LogContext.task(tenant.id().value(), event.thingId(),
                event.correlationId().orElse(null))) {
            publish(event);
        }
    }

    private void publish(TwinEvent event) {
        List<TwinEvent> waiting = held.get(event.thingId());
        if (waiting != null) {
            // behind a read-back after a gap: published (or covered) in order once the state is in; keeps its slot
            waiting.add(event);
            return;
        }
        if (revisions.gapBefore(event.thingId(), event.revision())) {
            LOG.info("{}: revision jumped from {} to {}: publishing its state first", event.thingId(),
                    revisions.last(event.thingId()), event.revision());
            held.put(event.thingId(), new ArrayList<>(List.of(event)));
            readBack(event.thingId());
            return;
        }
        publishInOrder(event);
    }

    /**
     * After a gap: the thing's current state (at a revision at or above the event that showed the gap) is published
     * as a resync record, which covers the lost revisions; then the events held meanwhile, those it covers only for
     * their commands.
     */
    private void readBack(String thingId) {
        events.retrieveThingState(ThingId.of(thingId)).toCompletableFuture()
                .orTimeout(dittoWait.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((state, failure) -> {
                    try (CloseableThreadContext.Instance ignored = LogContext.of(tenant.id().value(), thingId,
                            null)) {
                        if (failure != null) {
                            LOG.warn("cannot read {} back after a revision gap ({}); publishing its events, the "
                                    + "state follows later", thingId, failure.toString());
                            reconciler.want(thingId);
                        } else {
                            state.ifPresent(thing -> resyncIfAhead(thingId, thing));
                        }
                        held.remove(thingId).forEach(this::publishInOrder);
                    }
                }, worker);
    }

    private void resyncIfAhead(String thingId, JsonObject thing) {
        long revision = thing.getValue("_revision").filter(JsonValue::isNumber).map(JsonValue::asLong).orElse(0L);
        if (revision > revisions.last(thingId)) {
            Instant modified = thing.getValue("_modified").filter(JsonValue::isString)
                    .map(v -> Instant.parse(v.asString())).orElseGet(Instant::now);
            new Resyncs().state(thingId, thing.remove("_revision").remove("_modified"), revision, modified);
        }
    }

    private void publishInOrder(TwinEvent event) {
        boolean sent = false;
        try {
            if (revisions.covered(event.thingId(), event.revision())) {
                // a resync record at a later revision covers it on the topic (which stays in revision order); its
                // commands, though, are no part of any state record
                admission.release();
                desired.commandsOf(event, factsOf(event.thingId()), FeatureValues.of(event, FeatureValues.DESIRED));
                acknowledge(event, ACK_OK);
                return;
            }
            long last = revisions.last(event.thingId());
            boolean gap = revisions.gapBefore(event.thingId(), event.revision());
            ThingFacts thing = factsOf(event.thingId());
            List<FeatureValues.Change> desiredValues = FeatureValues.of(event, FeatureValues.DESIRED);
            thing.learn(event, desiredValues);
            boolean deletion = isThingDeletion(event);
            if (deletion) {
                // a deleted thing needs neither its revision nor its facts any more: memory follows the fleet
                revisions.deleted(event.thingId());
                facts.remove(event.thingId());
            } else {
                revisions.published(event.thingId(), event.revision());
            }
            // from here on the send callback owns the buffer slot: released exactly once, there
            sent = true;
            publishRecord(event, thing.definition, false, deletion);
            if (!deletion) {
                desired.handle(event, thing, desiredValues);
            }
            if (gap) {
                LOG.info("{}: revision jumped from {} to {} and could not be read back: resynchronising later",
                        event.thingId(), last, event.revision());
            }
        } catch (RuntimeException e) {
            if (sent) {
                LOG.error("egress published event {} rev {} of tenant {} but failed after it", event.thingId(),
                        event.revision(), tenant.id(), e);
                return;
            }
            admission.release();
            stats.eventsDropped.increment();
            reconciler.want(event.thingId());
            LOG.error("egress could not handle event {} rev {} of tenant {}", event.thingId(), event.revision(),
                    tenant.id(), e);
        }
    }

    private static boolean isThingDeletion(TwinEvent event) {
        return "deleted".equals(event.action()) && event.path().isEmpty();
    }

    /** @param resync a record of a sweep: no admitted event holds a buffer slot for it */
    private void publishRecord(TwinEvent event, Optional<String> definition, boolean resync, boolean deletion) {
        byte[] value = records.twinEvent(tenant.id().value(), event, definition);
        // the callback runs on the producer's thread for every record: it opens the event's log context only where
        // it logs (carrying the context into every callback cost that thread most of its time per record)
        sender.send(eventsTopic, event.thingId(), value, resync, event.correlationId())
                .whenComplete((ok, failure) -> {
                    if (!resync) {
                        admission.release();
                    }
                    if (failure == null) {
                        (resync ? stats.resyncsPublished : stats.eventsPublished).increment();
                        if (deletion) {
                            position.deleted(event.thingId(), event.revision());
                        } else {
                            position.published(event.thingId(), event.revision());
                        }
                        acknowledge(event, ACK_OK);
                    } else {
                        stats.eventsDropped.increment();
                        reconciler.want(event.thingId());
                        acknowledge(event, ACK_FAILED);
                        logWithContext(event, () -> LOG.error("Kafka did not take the twin event {} rev {} for {}: "
                                + "{}; the thing will be resynchronised", event.thingId(), event.revision(),
                                eventsTopic, failure.toString()));
                    }
                });
    }

    private void acknowledge(TwinEvent event, int status) {
        ackLabel.filter(event.requestedAcks()::contains).ifPresent(label -> {
            if (!events.acknowledge(event, label, status)) {
                logWithContext(event, () -> LOG.debug("could not acknowledge {} rev {}: session down; Ditto "
                        + "reports the ack as timed out", event.thingId(), event.revision()));
            }
        });
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the worker is stopping: the timer is about to stop too
        }
    }

    private void tick() {
        try {
            reconciler.tick();
        } catch (RuntimeException e) {
            LOG.error("egress of {}: reconciliation failed", tenant.id(), e);
        }
    }

    private void flushPosition() {
        position.flush().whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("egress of {}: writing the position to {} failed, retrying: {}", tenant.id(),
                        position.topic(), failure.toString());
            }
        });
    }

    /** Publishes what the reconciler found, on the worker. */
    private final class Resyncs implements Reconciler.Publisher {
        @Override
        public void state(String thingId, JsonObject thing, long revision, Instant modified) {
            ThingFacts known = factsOf(thingId);
            known.learnState(thing);
            revisions.published(thingId, revision);
            publishRecord(TwinEvents.stateEvent(thingId, thing, revision, modified), known.definition, true, false);
            LOG.info("{}: published its state at revision {} as a resync record", thingId, revision);
        }

        @Override
        public void deleted(String thingId, long lastRevision) {
            Optional<String> definition = factsOf(thingId).definition;
            revisions.deleted(thingId);
            facts.remove(thingId);
            // Ditto does not tell at which revision it deleted the thing: the next one after the last published
            publishRecord(ResyncEvents.deletion(thingId, lastRevision + 1, Instant.now()), definition, true, true);
            LOG.info("{}: gone from Ditto; published a deletion record at revision {}", thingId, lastRevision + 1);
        }
    }
}
