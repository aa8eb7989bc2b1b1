package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.ditto.TwinEventListener;
import io.twinbridge.gateway.ditto.TwinEvents;
import io.twinbridge.gateway.kafka.CorrelationIds;
import io.twinbridge.gateway.mapping.FeatureValues;
import io.twinbridge.gateway.mapping.TwinRecords;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.logging.LogContext;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.logging.log4j.CloseableThreadContext;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Egress of one tenant: its own Ditto session subscribed to the tenant's namespaces, and one worker thread that
 * turns events into records in the order Ditto sent them, so that records of a thing reach Kafka in revision order.
 *
 * <p>State (last revision, model kind and pending desired values per thing) is confined to the worker thread.
 */
final class TenantEgress implements TwinEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(TenantEgress.class);
    private static final Duration DITTO_WAIT = Duration.ofSeconds(10);
    private static final long RESYNC_RETRY_MS = 1000;
    private static final int ACK_OK = 200;
    private static final int ACK_FAILED = 503;

    private final TenantSettings tenant;
    private final DittoPort events;
    private final DittoPort writer;
    private final Producer<byte[], byte[]> producer;
    private final String eventsTopic;
    private final String commandsTopic;
    private final TwinRecords records;
    private final DesiredCommands commands;
    private final Optional<String> ackLabel;
    private final int maxBuffered;
    private final EgressStats stats;
    private final ScheduledExecutorService worker;
    private final AtomicInteger buffered = new AtomicInteger();
    /** Things whose state must be read back from Ditto: events were lost or could not be published. */
    private final Set<String> resyncWanted = ConcurrentHashMap.newKeySet();
    /** A round of {@link #resyncPending()} is under way (worker thread only). */
    private boolean resyncRunning;

    private final Map<String, Long> lastRevision = new HashMap<>();
    private final ThingFactsCache facts;

    TenantEgress(TenantSettings tenant, DittoPort events, DittoPort writer, Producer<byte[], byte[]> producer,
                 TopicNames topics, TwinRecords records, DesiredCommands commands, Optional<String> ackLabel,
                 int maxBuffered, int maxCachedThings, EgressStats stats) {
        this.tenant = tenant;
        this.events = events;
        this.writer = writer;
        this.producer = producer;
        this.eventsTopic = tenant.twinEventsTopic(topics);
        this.commandsTopic = tenant.commandsTopic(topics);
        this.records = records;
        this.commands = commands;
        this.ackLabel = ackLabel;
        this.maxBuffered = maxBuffered;
        this.stats = stats;
        this.facts = new ThingFactsCache(maxCachedThings);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "twinbridge-egress-"
                + tenant.id()));
    }

    /**
     * Connects the tenant's session and subscribes; completes on Ditto's {@code START-SEND-EVENTS:ACK}. The
     * subscription is registered at once, so that a session that connects only later (Ditto down at start) still
     * sends it when it does.
     */
    CompletionStage<Void> start() {
        worker.scheduleWithFixedDelay(this::resyncPending, RESYNC_RETRY_MS, RESYNC_RETRY_MS, TimeUnit.MILLISECONDS);
        CompletionStage<Void> connected = events.connect();
        CompletionStage<Void> subscribed = events.subscribeTwinEvents(tenant.namespaces(), this);
        return connected.thenCombine(subscribed, (a, b) -> null);
    }

    /** Waits for the worker to hand its queue to Kafka, then closes the session. */
    CompletionStage<Void> stop(Duration timeout) {
        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> {
            worker.shutdown();
            try {
                worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.shutdownNow();
        });
        return drained.thenCompose(ok -> events.close());
    }

    int buffered() {
        return buffered.get();
    }

    /** Things whose last published revision egress holds, and things whose facts it caches (worker thread). */
    CompletableFuture<int[]> tracked() {
        return CompletableFuture.supplyAsync(() -> new int[] {lastRevision.size(), facts.size()}, worker);
    }

    TenantSettings tenant() {
        return tenant;
    }

    DittoPort session() {
        return events;
    }

    /** On the WebSocket's reading thread: only bounds and hands off. */
    @Override
    public void onEvent(TwinEvent event) {
        try (CloseableThreadContext.Instance ignored = logContext(event)) {
            admit(event);
        }
    }

    /** The log context of an event's flow: tenant, thing and the correlation id of the command that caused it. */
    private CloseableThreadContext.Instance logContext(TwinEvent event) {
        return LogContext.of(tenant.id().value(), event.thingId(), event.correlationId().orElse(null));
    }

    private void admit(TwinEvent event) {
        if (worker.isShutdown()) {
            stats.eventsDropped.increment();
            LOG.warn("egress of {} is stopping: event {} rev {} not published", tenant.id(), event.thingId(),
                    event.revision());
            return;
        }
        if (buffered.incrementAndGet() > maxBuffered) {
            buffered.decrementAndGet();
            if (ackLabel.filter(event.requestedAcks()::contains).isPresent()) {
                // Ditto answers the sender 408/424 for the missing acknowledgement; ingest retries, nothing is lost
                stats.acksWithheld.increment();
                LOG.debug("egress buffer of {} full: not acknowledging {} rev {}", tenant.id(), event.thingId(),
                        event.revision());
            } else {
                stats.eventsDropped.increment();
                resyncWanted.add(event.thingId());
                LOG.warn("egress buffer of {} full ({} events): dropped event {} rev {} ({}); the thing is "
                        + "resynchronised once the buffer drains", tenant.id(), maxBuffered, event.thingId(),
                        event.revision(), event.action());
            }
            return;
        }
        worker.execute(() -> handle(event));
    }

    @Override
    public void onReconnected() {
        worker.execute(() -> {
            resyncWanted.addAll(lastRevision.keySet());
            resyncPending();
        });
    }

    private void handle(TwinEvent event) {
        try (CloseableThreadContext.Instance ignored = logContext(event)) {
            publish(event);
        }
    }

    private void publish(TwinEvent event) {
        boolean sent = false;
        try {
            long last = lastRevision.getOrDefault(event.thingId(), 0L);
            if (event.revision() <= last) {
                // already covered by a later record (a resync overtook it): the topic stays in revision order
                release();
                acknowledge(event, ACK_OK);
                return;
            }
            boolean gap = last > 0 && event.revision() > last + 1;
            ThingFacts thing = facts.get(event.thingId());
            thing.learn(event);
            if (isThingDeletion(event)) {
                // a deleted thing needs neither its revision nor its facts any more: memory follows the fleet
                lastRevision.remove(event.thingId());
                facts.remove(event.thingId());
            } else {
                lastRevision.put(event.thingId(), event.revision());
            }
            // from here on the send callback owns the buffer slot: released exactly once, there
            sent = true;
            publishEvent(event, thing, false);
            publishCommands(event, thing);
            closeLoop(event, thing);
            if (gap) {
                LOG.info("{}: revision jumped from {} to {}: resynchronising", event.thingId(), last,
                        event.revision());
                resyncWanted.add(event.thingId());
            }
        } catch (RuntimeException e) {
            if (sent) {
                LOG.error("egress published event {} rev {} of tenant {} but failed after it", event.thingId(),
                        event.revision(), tenant.id(), e);
                return;
            }
            release();
            stats.eventsDropped.increment();
            resyncWanted.add(event.thingId());
            LOG.error("egress could not handle event {} rev {} of tenant {}", event.thingId(), event.revision(),
                    tenant.id(), e);
        }
    }

    private static boolean isThingDeletion(TwinEvent event) {
        return "deleted".equals(event.action()) && event.path().isEmpty();
    }

    /**
     * The commands of an event, once the thing's model kind is known. When egress has not seen it yet, it is read
     * from Ditto without blocking the worker; the thing's commands wait in order behind that read.
     */
    private void publishCommands(TwinEvent event, ThingFacts thing) {
        if (!DesiredCommands.setsDesiredValues(event)) {
            return;
        }
        if (thing.kind.isEmpty() && thing.kindLookup == null) {
            thing.kindLookup = events.retrieveThingState(ThingId.of(event.thingId())).toCompletableFuture()
                    .orTimeout(DITTO_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .handleAsync((state, failure) -> {
                        if (failure != null) {
                            LOG.warn("cannot read the model kind of {} from Ditto: {}", event.thingId(),
                                    failure.toString());
                        } else {
                            state.ifPresent(thing::learnState);
                        }
                        thing.kindLookup = null;
                        return null;
                    }, worker);
        }
        CompletableFuture<Void> after = thing.kindLookup == null ? thing.commands
                : thing.commands.thenCombine(thing.kindLookup, (a, b) -> null);
        thing.commands = after.thenRunAsync(LogContext.carried(() -> commands.publish(event, id -> thing.kind,
                (key, value) -> send(commandsTopic, key, value, false, event.correlationId()))), worker)
                .exceptionally(failure -> {
                    LOG.error("commands of {} rev {} not published", event.thingId(), event.revision(), failure);
                    return null;
                });
    }

    private void publishEvent(TwinEvent event, ThingFacts thing, boolean resync) {
        byte[] value = records.twinEvent(tenant.id().value(), event, thing.definition);
        send(eventsTopic, event.thingId(), value, resync, event.correlationId())
                .whenComplete(LogContext.carried((ok, failure) -> {
            if (!resync) {
                release();
            }
            if (failure == null) {
                (resync ? stats.resyncsPublished : stats.eventsPublished).increment();
                acknowledge(event, ACK_OK);
            } else {
                stats.eventsDropped.increment();
                resyncWanted.add(event.thingId());
                acknowledge(event, ACK_FAILED);
                LOG.error("Kafka did not take the twin event {} rev {} for {}: {}; the thing will be resynchronised",
                        event.thingId(), event.revision(), eventsTopic, failure.toString());
            }
        }));
    }

    /** @param correlationId of the Ditto command behind the record: its {@code correlation-id} header */
    private CompletableFuture<Void> send(String topic, String key, byte[] value, boolean resync,
                                         Optional<String> correlationId) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                value);
        correlationId.ifPresent(id -> CorrelationIds.put(record.headers(), id));
        if (resync) {
            record.headers().add(TwinEvents.RESYNC_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(e);
        }
        return sent;
    }

    private void acknowledge(TwinEvent event, int status) {
        ackLabel.filter(event.requestedAcks()::contains).ifPresent(label -> {
            if (!events.acknowledge(event, label, status)) {
                LOG.debug("could not acknowledge {} rev {}: session down; Ditto reports the ack as timed out",
                        event.thingId(), event.revision());
            }
        });
    }

    private void release() {
        buffered.decrementAndGet();
    }

    /**
     * When a reported property reaches the value still pending as desired, the desired property is cleared, on
     * the condition that it still holds that value (an operator may have changed it meanwhile).
     */
    private void closeLoop(TwinEvent event, ThingFacts thing) {
        for (FeatureValues.Change reported : FeatureValues.of(event, FeatureValues.REPORTED)) {
            String key = reported.feature() + "/" + reported.property();
            JsonValue desired = thing.pendingDesired.get(key);
            if (desired == null || !ValuesMatch.same(desired, reported.value())) {
                continue;
            }
            thing.pendingDesired.remove(key);
            JsonPointer pointer = JsonPointer.of("/features/" + reported.feature() + "/desiredProperties/"
                    + reported.property());
            JsonObject patch = JsonObject.empty().setValue(pointer, JsonValue.nullLiteral());
            DittoRequestOptions options = DittoRequestOptions.defaults()
                    .withCondition("eq(" + pointer.toString().substring(1) + "," + desired + ")");
            writer.mergeThing(ThingId.of(event.thingId()), JsonPointer.empty(), patch, options)
                    .whenComplete(LogContext.carried((ok, failure) -> {
                        if (failure == null) {
                            stats.desiredCleared.increment();
                        } else {
                            LOG.warn("could not clear the applied desired property {} of {}: {}", key,
                                    event.thingId(), failure.toString());
                        }
                    }));
        }
    }

    /**
     * Reads back, one after the other, the things whose events were lost; the reads run without blocking the
     * worker, whose events go on meanwhile. A read that fails leaves the thing wanted, for the next round.
     */
    private void resyncPending() {
        if (resyncRunning || resyncWanted.isEmpty() || buffered.get() > maxBuffered / 2 || !events.isConnected()) {
            return;
        }
        resyncRunning = true;
        resyncNext(List.copyOf(resyncWanted), 0);
    }

    private void resyncNext(List<String> thingIds, int index) {
        if (index >= thingIds.size() || worker.isShutdown()) {
            resyncRunning = false;
            return;
        }
        String thingId = thingIds.get(index);
        events.retrieveThingState(ThingId.of(thingId)).toCompletableFuture()
                .orTimeout(DITTO_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((state, failure) -> {
                    try (CloseableThreadContext.Instance ignored = LogContext.of(tenant.id().value(), thingId,
                            null)) {
                        if (failure != null) {
                            LOG.warn("resynchronising {} failed, retrying in {} ms: {}", thingId, RESYNC_RETRY_MS,
                                    failure.toString());
                            resyncRunning = false;
                            return;
                        }
                        resyncWanted.remove(thingId);
                        state.ifPresent(s -> resync(thingId, s));
                    }
                    resyncNext(thingIds, index + 1);
                }, worker);
    }

    private void resync(String thingId, JsonObject state) {
        long revision = state.getValue("_revision").filter(JsonValue::isNumber).map(JsonValue::asLong)
                .orElse(0L);
        if (revision <= lastRevision.getOrDefault(thingId, 0L)) {
            return;
        }
        Instant modified = state.getValue("_modified").filter(JsonValue::isString)
                .map(v -> Instant.parse(v.asString())).orElseGet(Instant::now);
        JsonObject thingJson = state.remove("_revision").remove("_modified");
        ThingFacts thing = facts.get(thingId);
        thing.learnState(thingJson);
        lastRevision.put(thingId, revision);
        publishEvent(TwinEvents.stateEvent(thingId, thingJson, revision, modified), thing, true);
        LOG.info("{}: published its state at revision {} as a resync record", thingId, revision);
    }

    /** What egress knows of one thing beyond its revision. */
    static final class ThingFacts {
        /** The thing's commands, published in event order, each after the previous one (worker thread only). */
        CompletableFuture<Void> commands = CompletableFuture.completedFuture(null);
        /** A read of the model kind from Ditto under way, or null. */
        CompletableFuture<Void> kindLookup;
        Optional<String> kind = Optional.empty();
        Optional<String> definition = Optional.empty();
        final Map<String, JsonValue> pendingDesired = new HashMap<>();

        void learn(TwinEvent event) {
            if (event.path().isEmpty() && event.value().filter(JsonValue::isObject).isPresent()
                    && !"merged".equals(event.action())) {
                learnState(event.value().get().asObject());
                return;
            }
            for (FeatureValues.Change desired : FeatureValues.of(event, FeatureValues.DESIRED)) {
                String key = desired.feature() + "/" + desired.property();
                if (desired.value().isNull()) {
                    pendingDesired.remove(key);
                } else {
                    pendingDesired.put(key, desired.value());
                }
            }
        }

        void learnState(JsonObject thing) {
            thing.getValue("attributes/model").filter(JsonValue::isString).map(JsonValue::asString)
                    .ifPresent(k -> kind = Optional.of(k));
            thing.getValue("definition").filter(JsonValue::isString).map(JsonValue::asString)
                    .ifPresent(d -> definition = Optional.of(d));
            pendingDesired.clear();
            // a JSON object's keys are unique, so each feature/property pair comes once
            thing.getValue("features").filter(JsonValue::isObject).map(JsonValue::asObject).ifPresent(features ->
                    features.forEach(f -> Optional.of(f.getValue()).filter(JsonValue::isObject)
                            .flatMap(v -> v.asObject().getValue(FeatureValues.DESIRED))
                            .filter(JsonValue::isObject).map(JsonValue::asObject).ifPresent(d -> d.forEach(p -> {
                                if (!p.getValue().isNull()) {
                                    pendingDesired.put(f.getKeyName() + "/" + p.getKeyName(), p.getValue());
                                }
                            }))));
        }
    }
}
