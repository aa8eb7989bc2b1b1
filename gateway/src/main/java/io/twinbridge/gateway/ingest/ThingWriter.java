package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.PreRenderedJsonObject;
import io.twinbridge.gateway.logging.LogContext;
import io.twinbridge.gateway.mapping.MergeWrite;
import io.twinbridge.gateway.mapping.TimedValue;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.model.FeatureModel;
import io.twinbridge.gateway.retry.Backoff;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.logging.log4j.CloseableThreadContext;
import java.util.function.Function;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one coalesced {@link TwinUpdate} to its twin through the {@link DittoPort}, and handles what Ditto answers:
 * <ul>
 *   <li>the merge is conditional on the twin's per-feature {@code sourceTs}, so a replayed or late event cannot
 *       overwrite newer state; on 412 the twin is read, the stale properties are dropped and the rest is sent again;</li>
 *   <li>a missing thing is created once, with the update's values in it (see {@link ThingProvisioner}): the create
 *       is the write, and the merge is repeated only when another writer created the thing first (409);</li>
 *   <li>transient failures are retried with backoff until they succeed or the writer is closed: nothing is
 *       committed in the meantime, because the records' stage stays open;</li>
 *   <li>permanent rejections end in {@link WriteOutcome.Rejected}, for the dead-letter topic;</li>
 *   <li>with egress acknowledgements on, each merge also requests the tenant's egress label; when that fails
 *       (424: applied, but not confirmed on the twin-events topic) the same patch is sent again with a condition
 *       that accepts the twin's equal source time, so that the change is published before the record counts.</li>
 *   <li>every command of a write carries the update's correlation id, which the Ditto adapter makes unique per
 *       command sent (see {@link io.twinbridge.gateway.ditto.CommandCorrelationIds}): an answer that comes after its
 *       command timed out is then dropped, never taken for the answer to a later command of the same write (a late
 *       404 to a merge once made the create that followed count as refused); Ditto's event, and the egress records
 *       made from it, carry the id as users see it; the write's log lines carry tenant, thing id and that
 *       correlation id on whichever thread they run.</li>
 * </ul>
 */
public final class ThingWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ThingWriter.class);
    private static final int MAX_STALE_ROUNDS = 3;
    private static final String TWIN_PERSISTED = "twin-persisted";
    private static final JsonPointer FEATURES = JsonPointer.of("/features");
    /** Ditto's status for a command whose requested acknowledgements did not all succeed. */
    private static final int FAILED_DEPENDENCY = 424;
    /** No answer in time: with acknowledgements requested, most often the egress label is missing. */
    private static final int REQUEST_TIMEOUT = 408;

    private final Function<TenantSettings, DittoPort> sessions;
    private final ThingProvisioner provisioner;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final IngestStats stats;
    private final Optional<String> egressAckPrefix;
    /** As many things as ingest may hold pending ({@code ingest.max-pending-twins}). */
    private final ThingPresence presence;
    private volatile boolean closed;

    /**
     * @param sessions the session that writes each tenant's twins, as that tenant's technical subject
     * @param knownThings how many things it remembers as existing: the bound of pending twins
     */
    public ThingWriter(Function<TenantSettings, DittoPort> sessions, ThingProvisioner provisioner, Backoff backoff,
            ScheduledExecutorService scheduler, IngestStats stats, Optional<String> egressAckPrefix,
            int knownThings) {
        this.presence = new ThingPresence(knownThings);
        this.egressAckPrefix = Objects.requireNonNull(egressAckPrefix, "egressAckPrefix");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    /** Stops retrying: pending writes fail, and their records stay uncommitted. */
    public void close() {
        closed = true;
    }

    public CompletionStage<WriteOutcome> write(String thingId, TwinUpdate update) {
        CompletableFuture<WriteOutcome> result = new CompletableFuture<>();
        ThingId id = ThingId.of(thingId);
        boolean unseen = !presence.isKnown(id);
        Attempt attempt = new Attempt(id, update, update.correlationId(), result, unseen);
        if (unseen && presence.mostUnseenAreNew()) {
            attempt.createFirst();
        } else {
            attempt.merge();
        }
        return result;
    }

    /** The state of one write across its retries. */
    private final class Attempt {
        private final ThingId thingId;
        private final CompletableFuture<WriteOutcome> result;
        private final String correlationId;
        private TwinUpdate update;
        private int retries;
        private int commands;
        private int staleRounds;
        private int staleFeatures;
        private boolean provisioned;
        private boolean redelivery;
        /** Not known to exist when the write started, and no answer has said yet whether it does. */
        private boolean unseen;

        Attempt(ThingId thingId, TwinUpdate update, String correlationId, CompletableFuture<WriteOutcome> result,
                boolean unseen) {
            this.thingId = thingId;
            this.update = update;
            this.correlationId = correlationId;
            this.result = result;
            this.unseen = unseen;
        }

        /** What an answer said about the thing: it exists now, and (the first time) whether it was new. */
        private void learnt(boolean wasNew, boolean existsNow) {
            if (unseen) {
                unseen = false;
                presence.learnt(wasNew);
            }
            if (existsNow) {
                presence.exists(thingId);
            }
        }

        /** A thing that is most likely new: the create, carrying the update, goes first (see ThingPresence). */
        void createFirst() {
            try (CloseableThreadContext.Instance ignored = logContext()) {
                if (sessionOrFail() != null) {
                    stats.createsFirst.increment();
                    provision();
                }
            }
        }

        /** The log context of this write, opened around each of its steps: they run on several threads. */
        private CloseableThreadContext.Instance logContext() {
            return LogContext.of(update.tenant().id().value(), thingId.toString(), correlationId);
        }

        /**
         * The callback in this write's log context. An exception it throws would otherwise vanish inside the
         * CompletableFuture that runs it, and the write would never end: its thing would wait forever with a write in
         * flight. It fails the write instead, logged, so its records are reported as unfinished.
         */
        private <T> BiConsumer<T, Throwable> inLogContext(BiConsumer<T, Throwable> callback) {
            return (value, error) -> {
                try (CloseableThreadContext.Instance ignored = logContext()) {
                    callback.accept(value, error);
                } catch (RuntimeException e) {
                    LOG.error("Write to {} failed unexpectedly; its records stay uncommitted", thingId, e);
                    result.completeExceptionally(e);
                }
            };
        }

        /** The tenant's own session; each step asks again, so a replaced credential is followed at once. */
        private DittoPort ditto() {
            return sessions.apply(update.tenant());
        }

        /** With egress acknowledgements on, a write also waits for the tenant's egress label. */
        private DittoRequestOptions withEgressAcks(DittoRequestOptions options) {
            return egressAckPrefix.map(prefix -> options.withRequestedAcks(TWIN_PERSISTED, prefix + "-"
                    + update.tenant().id().value())).orElse(options);
        }

        void merge() {
            try (CloseableThreadContext.Instance ignored = logContext()) {
                sendMerge();
            }
        }

        /**
         * The tenant's session if a command may go out now; else {@code null}, and the write has failed, its records
         * staying uncommitted.
         */
        private DittoPort sessionOrFail() {
            if (closed) {
                result.completeExceptionally(new IllegalStateException("ingest is stopping"));
                return null;
            }
            try {
                return ditto();
            } catch (RuntimeException e) {
                // e.g. the tenant's password variable vanished: the record stays uncommitted, and the reason is logged
                LOG.error("No Ditto session for tenant {}: {}", update.tenant().id(), e.getMessage());
                result.completeExceptionally(e);
                return null;
            }
        }

        private void sendMerge() {
            DittoPort ditto = sessionOrFail();
            if (ditto == null) {
                return;
            }
            // patch and condition rendered as text in one pass; the text goes to Ditto as it is (PreRenderedJsonObject)
            MergeWrite write = update.patch().mergeWrite(redelivery);
            DittoRequestOptions options = DittoRequestOptions.defaults().withCorrelationId(correlationId)
                    .withCondition(write.condition());
            options = withEgressAcks(options);
            stats.recordMergeSent(update.tenant().id());
            commands++;
            long started = System.nanoTime();
            // Merged at /features, never at the thing's root: Ditto 3.9 turns a root merge of a missing thing into a
            // create (ModifyToCreateThingTransformer), which would give a new device Ditto's default policy, named
            // after the thing, instead of provision()'s thing with its tenant's policy (issue 11.9).
            ditto.mergeThing(thingId, FEATURES, PreRenderedJsonObject.of(write.featuresPatch()), options)
                    .whenComplete(inLogContext((ok, error) -> {
                        stats.recordDittoLatency(update.tenant().id(), System.nanoTime() - started);
                        if (error == null) {
                            learnt(false, true);
                            result.complete(new WriteOutcome.Applied(staleFeatures, provisioned, commands));
                        } else {
                            DittoPortException e = unwrap(error);
                            if (ErrorClassifier.classify(e) == Disposition.PROVISION) {
                                learnt(true, false);
                            }
                            failed(e);
                        }
                    }));
        }

        private void failed(DittoPortException e) {
            redeliverIfUnconfirmed(e);
            switch (ErrorClassifier.classify(e)) {
                case RETRY -> retryLater(e);
                case PROVISION -> provision();
                case STALE -> dropStale();
                case DEAD_LETTER -> result.complete(new WriteOutcome.Rejected(ErrorClassifier.deadLetterFailure(e)));
                default -> throw new IllegalStateException("unhandled disposition");
            }
        }

        /**
         * With egress acknowledgements on, a write that failed retriably (a merge, or the create that carried the
         * update) may be applied although egress did not confirm it: a plain retry would be refused as stale (412)
         * and the record committed with its change never published, so the retry accepts the twin's equal source time.
         */
        private void redeliverIfUnconfirmed(DittoPortException e) {
            if (egressAckPrefix.isPresent() && ErrorClassifier.classify(e) == Disposition.RETRY) {
                if (e.status() == FAILED_DEPENDENCY || e.status() == REQUEST_TIMEOUT) {
                    stats.egressAckFailures.increment();
                }
                redelivery = true;
            }
        }

        private void retryLater(DittoPortException e) {
            stats.dittoRetries.increment();
            long delay = backoff.delay(retries++).toMillis();
            LOG.debug("Write to {} failed ({} {}), retry {} in {} ms", thingId, e.status(), e.errorCode(), retries,
                    delay);
            scheduler.schedule(() -> inLogContext((ignored, none) -> sendMerge()).accept(null, null), delay,
                    TimeUnit.MILLISECONDS);
        }

        private void provision() {
            if (provisioned) {
                // created, yet not found: Ditto is catching up or the thing was deleted meanwhile
                retryLater(new DittoPortException(404, ErrorClassifier.THING_NOT_FOUND, "not found after create"));
                return;
            }
            provisioned = true;
            JsonObject thing = provisioner.newThing(thingId.toString(), update);
            // the create carries the update and the same acknowledgements as a merge: once it is answered the update
            // is persisted (and, with egress acknowledgements, published), so it finishes the write
            commands++;
            long started = System.nanoTime();
            ditto().createThing(thing, Optional.empty(),
                    withEgressAcks(DittoRequestOptions.defaults().withCorrelationId(correlationId)))
                    .whenComplete(inLogContext((ok, error) -> {
                stats.recordDittoCreateLatency(update.tenant().id(), System.nanoTime() - started);
                if (error == null) {
                    learnt(true, true);
                    stats.thingsCreated.increment();
                    LOG.info("Created thing {} ({} {})", thingId, update.model().kind(), update.model().version());
                    result.complete(new WriteOutcome.Applied(staleFeatures, true, commands));
                    return;
                }
                DittoPortException e = unwrap(error);
                if (ErrorClassifier.alreadyExists(e)) {
                    // it existed (another writer's create came first, or a wrong guess of createFirst): the update
                    // goes as the conditional merge it always was
                    learnt(false, true);
                    merge();
                } else if (ErrorClassifier.classify(e) == Disposition.RETRY) {
                    // perhaps created: the merge that follows finds out (404 creates again), and after an
                    // unconfirmed create it is a redelivery, as after a merge
                    redeliverIfUnconfirmed(e);
                    provisioned = false;
                    retryLater(e);
                } else {
                    result.complete(new WriteOutcome.Rejected(ErrorClassifier.deadLetterFailure(e)));
                }
            }));
        }

        private void dropStale() {
            if (++staleRounds > MAX_STALE_ROUNDS) {
                // the twin keeps moving ahead of this update: whatever is left is older than what Ditto holds
                stats.recordStaleDrops(update.tenant().id(), update.patch().featureIds().size());
                result.complete(new WriteOutcome.Stale(staleFeatures + update.patch().featureIds().size()));
                return;
            }
            ditto().retrieveThing(thingId).whenComplete(inLogContext((thing, error) -> {
                if (error != null) {
                    DittoPortException e = unwrap(error);
                    if (ErrorClassifier.classify(e) == Disposition.RETRY) {
                        staleRounds--;
                        retryLater(e);
                    } else {
                        result.complete(new WriteOutcome.Rejected(ErrorClassifier.deadLetterFailure(e)));
                    }
                    return;
                }
                TwinPatch patch = update.patch();
                TwinPatch fresh = freshPart(patch, thing.orElse(JsonObject.empty()));
                int dropped = patch.featureIds().size() - fresh.featureIds().size();
                staleFeatures += dropped;
                stats.recordStaleDrops(update.tenant().id(), dropped);
                if (fresh.featureIds().isEmpty()) {
                    result.complete(new WriteOutcome.Stale(staleFeatures));
                } else {
                    update = update.withPatch(fresh);
                    merge();
                }
            }));
        }
    }

    /** The properties of {@code patch} that are newer than the twin's {@code sourceTs} of their feature. */
    static TwinPatch freshPart(TwinPatch patch, JsonObject thing) {
        TwinPatch.Builder fresh = TwinPatch.builder(patch.deviceId(), patch.sourceTimestamp());
        for (Map.Entry<String, Map<String, TimedValue>> feature : patch.features().entrySet()) {
            long stored = thing.getValue(JsonPointer.of("/features/" + feature.getKey() + "/properties/"
                    + FeatureModel.SOURCE_TS)).filter(JsonValue::isNumber).map(JsonValue::asLong).orElse(Long.MIN_VALUE);
            feature.getValue().forEach((property, value) -> {
                if (value.sourceTs() > stored) {
                    fresh.put(feature.getKey(), property, value);
                }
            });
        }
        return fresh.build();
    }

    private static DittoPortException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof DittoPortException e) {
            return e;
        }
        return new DittoPortException(DittoPortException.UNAVAILABLE, DittoPortException.CODE_UNEXPECTED_RESPONSE,
                String.valueOf(cause), cause);
    }
}
