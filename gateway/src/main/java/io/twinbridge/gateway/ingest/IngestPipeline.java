package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.codec.Codec;
import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.DecodedEvent;
import io.twinbridge.gateway.kafka.CorrelationIds;
import io.twinbridge.gateway.kafka.DeadLetterPublisher;
import io.twinbridge.gateway.kafka.RecordFetcher;
import io.twinbridge.gateway.kafka.RecordFinisher;
import io.twinbridge.gateway.kafka.RecordProcessor;
import io.twinbridge.gateway.retry.Backoff;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.logging.LogContext;
import io.twinbridge.gateway.mapping.TelemetryMappers;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.model.BoundModel;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.CloseableThreadContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest flow of one record: tenant from the topic → decode → model and binding → validate and map → thing id →
 * coalesced, conditional merge into the twin; or, at any step, the dead-letter topic. Decoding, validation and
 * mapping run on the decode thread; the coalescing and the writes on the pipeline thread, where Ditto answers hop back
 * to.
 */
public final class IngestPipeline implements RecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    /** The record's objects besides its key and value, its task and its future: order of magnitude. */
    private static final long BYTES_PER_QUEUED_RECORD = 512;
    /** Records decoded by one task of the decode thread, and handed to the pipeline thread in one task. */
    private static final int DRAIN_BATCH = 256;
    private final LongAdder queuedBytes = new LongAdder();
    private final Queue<Queued> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Updates mapped by the current decode task, not yet handed to the pipeline thread. Decode thread only. */
    private List<Submission> mapped = new ArrayList<>();
    private final ScheduledExecutorService decodeExecutor;
    private final TopicNames topics;
    private final TenantDirectory tenants;
    private final Function<CodecKind, Codec> codecs;
    private final ModelRegistry models;
    private final TelemetryMappers mappers;
    private final CoalescingScheduler<TwinUpdate, WriteOutcome> scheduler;
    private final DeadLetterPublisher deadLetters;
    private final ScheduledExecutorService executor;
    private final Backoff backoff;
    private final IngestStats stats;
    private final RecordFetcher fetcher;
    /** Touched by the decode thread only; as many ids as ingest may hold pending twins. */
    private final CanonicalThingIds thingIds;

    public IngestPipeline(TopicNames topics, TenantDirectory tenants, Function<CodecKind, Codec> codecs,
            ModelRegistry models, TelemetryMappers mappers, CoalescingScheduler<TwinUpdate, WriteOutcome> scheduler,
            DeadLetterPublisher deadLetters, RecordFetcher fetcher, ScheduledExecutorService decodeExecutor,
            ScheduledExecutorService executor, Backoff backoff, IngestStats stats, int maxPendingTwins) {
        this.thingIds = new CanonicalThingIds(maxPendingTwins);
        this.decodeExecutor = Objects.requireNonNull(decodeExecutor, "decodeExecutor");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.codecs = Objects.requireNonNull(codecs, "codecs");
        this.models = Objects.requireNonNull(models, "models");
        this.mappers = Objects.requireNonNull(mappers, "mappers");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    /**
     * Hands the record to the decode thread. Records wait in a queue of their own, drained by one task at a time:
     * a task per record made the pipeline executor's delay queue (a heap, shared with the coalescing timers and the
     * write callbacks) as long as the backlog, and its sifting took a fifth of the pipeline thread (JFR, bench ingest).
     */
    @Override
    public void process(TopicPartition partition, ConsumerRecord<byte[], byte[]> record, RecordFinisher finisher) {
        queuedBytes.add(queuedBytes(record));
        queued.add(new Queued(partition, record, finisher));
        if (drainScheduled.compareAndSet(false, true)) {
            decodeExecutor.execute(this::drain);
        }
    }

    /**
     * Decodes and maps queued records on the decode thread, at most {@link #DRAIN_BATCH} per task, and hands their
     * updates to the pipeline thread in one task per batch. Decoding and mapping take about half of what a record
     * costs; on a thread of their own they run beside the coalescing and the writes. Records keep their order: one
     * thread decodes, one thread submits, each in queue order.
     */
    private void drain() {
        for (int i = 0; i < DRAIN_BATCH; i++) {
            Queued next = queued.poll();
            if (next == null) {
                drainScheduled.set(false);
                // a record queued after the poll above, but before the flag went down, found the flag up: take it
                if (queued.isEmpty() || !drainScheduled.compareAndSet(false, true)) {
                    handOff();
                    return;
                }
                continue;
            }
            int handedOff = mapped.size();
            PendingRecord done = new PendingRecord(next.partition(), next.record().offset(), next.record().timestamp(),
                    next.finisher());
            try {
                process(next.record(), done, 0);
            } catch (RuntimeException e) {
                // a defect in one record's decoding or mapping must not stop the drain, and with it every record after
                // it: this record stays unfinished (its partition's commit waits), the others go on
                LOG.error("Processing {}-{}@{} failed", next.partition().topic(), next.partition().partition(),
                        next.record().offset(), e);
                done.abandon(e);
            }
            long bytes = queuedBytes(next.record());
            if (mapped.size() > handedOff) {
                // counted until the pipeline thread takes the update up (then its patch counts)
                mapped.get(mapped.size() - 1).bytes = bytes;
            } else {
                queuedBytes.add(-bytes);
            }
        }
        handOff();
        decodeExecutor.execute(this::drain);
    }

    /** Passes the updates mapped so far on the decode thread to the pipeline thread, in order. */
    private void handOff() {
        if (mapped.isEmpty()) {
            return;
        }
        List<Submission> batch = mapped;
        mapped = new ArrayList<>();
        executor.execute(() -> {
            for (Submission s : batch) {
                queuedBytes.add(-s.bytes);
                try {
                    scheduler.submit(s.thingId, s.update, s.done);
                } catch (RuntimeException e) {
                    LOG.error("Submitting the update of {} failed", s.thingId, e);
                    s.done.abandon(e);
                }
            }
        });
    }

    private record Queued(TopicPartition partition, ConsumerRecord<byte[], byte[]> record, RecordFinisher finisher) {
    }

    /** An update mapped on the decode thread, for the pipeline thread's scheduler. */
    private static final class Submission {
        final String thingId;
        final TwinUpdate update;
        final PendingRecord done;
        long bytes;

        Submission(String thingId, TwinUpdate update, PendingRecord done) {
            this.thingId = thingId;
            this.update = update;
            this.done = done;
        }
    }

    /**
     * Memory of the records handed on by the consumer and not yet taken up by the pipeline thread: their bytes and
     * their task. Backpressure counts it with the pending patches, so a consumer faster than the pipeline cannot
     * fill the heap with queued records (a 1,000,000-record bench run did, at -Xmx1g, before).
     */
    public long queuedBytes() {
        return queuedBytes.sum();
    }

    private static long queuedBytes(ConsumerRecord<byte[], byte[]> record) {
        return BYTES_PER_QUEUED_RECORD + Math.max(0, record.serializedKeySize())
                + Math.max(0, record.serializedValueSize());
    }

    private void process(ConsumerRecord<byte[], byte[]> record, PendingRecord done, int decodeAttempt) {
        Optional<TenantSettings> tenant = tenants.ofTelemetryTopic(record.topic(), topics);
        if (decodeAttempt == 0) {
            stats.recordConsumed(tenant.map(t -> t.id().value()).orElse(IngestStats.UNKNOWN_TENANT));
        }
        if (tenant.isEmpty()) {
            // the consumer only subscribes to configured tenants; a removed tenant's records stay uncommitted
            done.abandon(new IllegalStateException("no tenant for topic " + record.topic()));
            return;
        }
        String correlationId = CorrelationIds.of(record);
        // a task of its own on the decode thread (a drained record, a decode retry): nothing to save and put back
        try (LogContext.Task context = LogContext.task(tenant.get().id().value(), null, correlationId)) {
            process(record, tenant.get(), correlationId, done, decodeAttempt, context);
        }
    }

    private void process(ConsumerRecord<byte[], byte[]> record, TenantSettings tenant, String correlationId,
            PendingRecord done, int decodeAttempt, LogContext.Task context) {
        Result<DecodedEvent> decoded = decode(tenant, record);
        if (!decoded.isOk() && ErrorClassifier.classify(decoded.failure()) == Disposition.RETRY) {
            stats.decodeRetries.increment();
            long delay = backoff.delay(decodeAttempt).toMillis();
            decodeExecutor.schedule(() -> {
                process(record, done, decodeAttempt + 1);
                handOff();
            }, delay, TimeUnit.MILLISECONDS);
            return;
        }
        Result<TwinPatch> patch = decoded.flatMap(mappers::map);
        if (!patch.isOk()) {
            deadLetter(tenant, record, patch.failure(), done);
            return;
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Result<String> thingId = ThingIds.resolve(tenant, patch.value().deviceId(), key);
        if (!thingId.isOk()) {
            deadLetter(tenant, record, thingId.failure(), done);
            return;
        }
        BoundModel model = models.bySchema(decoded.value().schemaName()).orElseThrow();
        TwinUpdate update = new TwinUpdate(tenant, model.model(), patch.value(), correlationId);
        String id = thingIds.of(thingId.value());
        context.thing(id);
        submit(id, update, done);
    }

    /**
     * From here on the record is held only as its partition, offset and timestamp ({@link PendingRecord}): a large
     * coalesced backlog costs a few dozen bytes per record. Should Ditto refuse the write, the record is read back
     * from Kafka for the dead-letter topic.
     */
    private void submit(String thingId, TwinUpdate update, PendingRecord done) {
        done.tenant = update.tenant();
        mapped.add(new Submission(thingId, update, done));
    }

    /** A record whose update waits in a coalesced patch or is being written; the scheduler's waiter for it. */
    private final class PendingRecord implements CoalescingScheduler.Waiter<WriteOutcome> {
        private final TopicPartition partition;
        private final long offset;
        private final long timestamp;
        private final RecordFinisher finisher;
        private TenantSettings tenant;

        PendingRecord(TopicPartition partition, long offset, long timestamp, RecordFinisher finisher) {
            this.partition = partition;
            this.offset = offset;
            this.timestamp = timestamp;
            this.finisher = finisher;
        }

        void finish() {
            finisher.finished(partition, offset);
        }

        void abandon(Throwable cause) {
            finisher.abandoned(partition, offset, cause);
        }

        @Override
        public void done(WriteOutcome outcome, Throwable error) {
            if (error != null) {
                abandon(error);
            } else if (outcome instanceof WriteOutcome.Rejected rejected) {
                deadLetterReadBack(this, rejected.failure());
            } else {
                if (outcome instanceof WriteOutcome.Stale) {
                    stats.recordStaleRecord(tenant.id());
                } else {
                    stats.recordApplied(tenant.id(), timestamp);
                }
                LOG.debug("{}-{}@{} done: {}", partition.topic(), partition.partition(), offset, outcome);
                finish();
            }
        }
    }

    private void deadLetterReadBack(PendingRecord pending, Failure failure) {
        fetcher.fetch(pending.partition, pending.offset).whenCompleteAsync((record, error) -> {
            if (error != null) {
                pending.abandon(error);
            } else if (record.isEmpty()) {
                // nothing left to dead-letter: Kafka no longer has the record (retention or compaction)
                LOG.error("Ditto refused {}-{}@{} ({} {}), but Kafka no longer has the record to dead-letter",
                        pending.partition.topic(), pending.partition.partition(), pending.offset, failure.code(),
                        failure.message());
                stats.recordDeadLetter(pending.tenant.id(), failure.code());
                pending.finish();
            } else {
                try (CloseableThreadContext.Instance ignored = LogContext.of(pending.tenant.id().value(), null,
                        CorrelationIds.of(record.get()))) {
                    deadLetter(pending.tenant, record.get(), failure, pending);
                }
            }
        }, executor);
    }

    private Result<DecodedEvent> decode(TenantSettings tenant, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return Result.err(Stage.DECODE, "empty", "record has no value (tombstone)");
        }
        return codecs.apply(tenant.codec()).decode(record.value());
    }

    private void deadLetter(TenantSettings tenant, ConsumerRecord<byte[], byte[]> record, Failure failure,
            PendingRecord done) {
        stats.recordDeadLetter(tenant.id(), failure.code());
        LOG.info("Dead-lettering {}-{}@{}: {} {}", record.topic(), record.partition(), record.offset(), failure.code(),
                failure.message());
        deadLetters.publish(record, failure).whenComplete((ok, error) -> {
            if (error != null) {
                done.abandon(error);
            } else {
                done.finish();
            }
        });
    }
}
