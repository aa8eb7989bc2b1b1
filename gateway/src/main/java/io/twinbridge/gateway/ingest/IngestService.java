package io.twinbridge.gateway.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinbridge.gateway.codec.Codec;
import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.kafka.DeadLetterPublisher;
import io.twinbridge.gateway.kafka.IngestConsumer;
import io.twinbridge.gateway.kafka.PendingWork;
import io.twinbridge.gateway.kafka.RecordFetcher;
import io.twinbridge.gateway.kafka.IngestConsumerStats;
import io.twinbridge.gateway.metrics.ConsumerCounters;
import io.twinbridge.gateway.retry.Backoff;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.mapping.TelemetryMappers;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires and runs the ingest flow: consumer loop, pipeline, coalescing scheduler, twin writer, dead letters. */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final int MIN_WINDOW = 16;
    private static final int INITIAL_WINDOW = 16;
    /** How long reading a refused record back from Kafka may take before the record is left uncommitted. */
    private static final java.time.Duration FETCH_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final IngestSettings settings;
    private final ScheduledExecutorService pipelineThread;
    private final ScheduledExecutorService decodeThread;
    private volatile Producer<byte[], byte[]> deadLetterProducer;
    private final DeadLetterPublisher deadLetters;
    private final ThingWriter writer;
    private final IngestConsumer consumer;
    private final RecordFetcher fetcher;
    private final IngestStats stats;
    private final ConsumerMeters consumerMeters;
    private final ConsumerCounters consumerCounters;
    private final CoalescingScheduler<TwinUpdate, WriteOutcome> scheduler;

    /** Every tenant written through {@code ditto}, as the shared Ditto user. */
    public IngestService(IngestSettings settings, TenantDirectory tenants, Function<CodecKind, Codec> codecs,
            ModelRegistry models, DittoPort ditto) {
        this(settings, tenants, codecs, models, (Function<TenantSettings, DittoPort>) tenant -> ditto,
                new SimpleMeterRegistry());
        Objects.requireNonNull(ditto, "ditto");
    }

    /**
     * @param sessions the session that writes each tenant's twins ({@link io.twinbridge.gateway.tenant.TenantDitto
     *                 #writer}), so that a tenant with its own Ditto user is written as that user
     * @param meters   where the counts are kept ({@link IngestStats}) and the consumer's figures shown
     */
    public IngestService(IngestSettings settings, TenantDirectory tenants, Function<CodecKind, Codec> codecs,
            ModelRegistry models, Function<TenantSettings, DittoPort> sessions, MeterRegistry meters) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stats = new IngestStats(meters);
        this.pipelineThread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "twinbridge-ingest"));
        this.decodeThread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "twinbridge-ingest-decode"));
        TopicNames topics = new TopicNames(settings.topicPrefix());
        Backoff backoff = new Backoff(settings.retryInitial(), settings.retryMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        // the dead-letter topic of the tenant the record's topic belongs to, also when it is overridden; the producer
        // is opened by start(), before the first record can be consumed
        this.deadLetters = new DeadLetterPublisher(() -> deadLetterProducer,
                topic -> tenants.ofTelemetryTopic(topic, topics).map(t -> t.deadLetterTopic(topics))
                        .orElseGet(() -> topics.deadLetterFor(topic)), backoff, pipelineThread, Clock.systemUTC());
        this.writer = new ThingWriter(sessions, new ThingProvisioner(settings.modelBaseUrl()), backoff, pipelineThread,
                stats, settings.egressAckPrefix(), settings.limits().maxPendingTwins());
        this.scheduler = new CoalescingScheduler<>(pipelineThread, settings.coalesceWindow(), (pending, later) -> {
            stats.recordCoalesced(later.tenant().id());
            return pending.coalesce(later);
        }, writer::write, new WriteWindow(Math.min(MIN_WINDOW, settings.maxWritesInFlight()),
                Math.min(INITIAL_WINDOW, settings.maxWritesInFlight()), settings.maxWritesInFlight()),
                update -> update.patch().estimatedBytes(), System::nanoTime,
                // a write that created its thing (404, then the create) is two round trips in a row, more after
                // retries: taken whole, it made the unloaded round trip of the first pass over new devices large
                outcome -> outcome instanceof WriteOutcome.Applied applied ? applied.commands() : 1);
        stats.window(scheduler);
        this.fetcher = new RecordFetcher(this::newFetchConsumer, FETCH_TIMEOUT);
        this.consumerCounters = new ConsumerCounters(meters);
        IngestPipeline pipeline = new IngestPipeline(topics, tenants, codecs, models, TelemetryMappers.compile(models),
                scheduler, deadLetters, fetcher, decodeThread, pipelineThread, backoff, stats,
                settings.limits().maxPendingTwins());
        this.consumer = new IngestConsumer(this::newConsumer,
                () -> TopicNames.exactly(tenants.telemetryTopics(topics)),
                pipeline, settings.limits(),
                PendingWork.of(scheduler::activeKeys, () -> scheduler.pendingBytes() + pipeline.queuedBytes()),
                consumerCounters, settings.commitInterval(), settings.drainTimeout());
        this.consumerMeters = new ConsumerMeters(meters, consumer.stats(), stats::tenants,
                topic -> tenants.ofTelemetryTopic(topic, topics).map(t -> t.id().value()));
    }

    /** Opens the Kafka clients (the constructor opens none) and starts consuming. */
    public void start() {
        deadLetterProducer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(),
                new ByteArraySerializer());
        consumer.start();
        LOG.info("Ingest started: group {}, the tenants' telemetry topics ({}.telemetry.<tenant> unless overridden), "
                + "coalescing window {}", settings.groupId(), settings.topicPrefix(), settings.coalesceWindow());
    }

    /** Drains unfinished records up to the drain timeout, commits what is finished, and closes. */
    public CompletableFuture<Void> stop() {
        return consumer.stop().handle((ok, error) -> {
            writer.close();
            fetcher.close();
            deadLetters.close();
            Producer<byte[], byte[]> producer = deadLetterProducer;
            if (producer != null) {
                producer.close(java.time.Duration.ofSeconds(5));
            }
            decodeThread.shutdownNow();
            pipelineThread.shutdownNow();
            try {
                decodeThread.awaitTermination(5, TimeUnit.SECONDS);
                pipelineThread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    /** Follows a change of the tenant directory: the consumer subscribes to the current tenants' topics. */
    public void tenantsChanged() {
        consumer.resubscribe();
    }

    public IngestStats stats() {
        return stats;
    }

    /** The consumer's levels: assigned and paused partitions, records in flight, lag. */
    public IngestConsumerStats consumerStats() {
        return consumer.stats();
    }

    /** The consumer's counts (records consumed and finished, pauses), as kept in the registry. */
    public ConsumerCounters consumerCounts() {
        return consumerCounters;
    }

    /** Brings the per-partition gauges up to the consumer's assignment; before each scrape. */
    public void refreshMeters() {
        consumerMeters.refresh();
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Properties p = new Properties();
        p.putAll(settings.consumerProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Integer.toString((int) Math.min(500, settings.limits().maxSpanPerPartition())));
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** For reading refused records back: the same connection settings, no group, never commits. */
    private KafkaConsumer<byte[], byte[]> newFetchConsumer() {
        Properties p = new Properties();
        p.putAll(settings.consumerProperties());
        for (String groupKey : List.of(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG)) {
            p.remove(groupKey);
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-record-fetcher");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.putAll(settings.consumerProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        return p;
    }
}
