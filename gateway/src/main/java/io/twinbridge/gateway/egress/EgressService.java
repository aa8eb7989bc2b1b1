package io.twinbridge.gateway.egress;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.mapping.TwinRecords;
import io.twinbridge.gateway.tenant.TenantChange;
import io.twinbridge.gateway.tenant.TenantListener;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.mapping.DesiredPropertyCommands;
import io.twinbridge.gateway.metrics.MeterReads;
import io.twinbridge.gateway.metrics.MetricNames;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantDitto;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ditto → Kafka: one {@link TenantEgress} per tenant, each with its own Ditto session (Ditto never sends a session
 * the events of its own commands, so these must not be the ingest session), sharing one idempotent producer. Follows
 * the tenant directory at run time ({@link #tenantsChanged}).
 */
public final class EgressService implements TenantListener {
    private static final Logger LOG = LoggerFactory.getLogger(EgressService.class);
    private static final Duration DITTO_WAIT = Duration.ofSeconds(10);
    private static final Duration POSITION_READ = Duration.ofSeconds(60);

    private final EgressSettings settings;
    private final TenantDirectory directory;
    private final TenantDitto ditto;
    private final Function<Properties, Producer<byte[], byte[]>> producers;
    /** Created by {@link #start()}: the constructor does no I/O; null until then. */
    private volatile Producer<byte[], byte[]> producer;
    private final TopicNames topics;
    private final TwinRecords records;
    private final DesiredPropertyCommands mappings;
    private final Map<TenantId, TenantRun> tenants = new ConcurrentHashMap<>();
    private final EgressTopics egressTopics;
    private final MeterRegistry meters;
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    /** Tenant changes run one after the other, each after the previous one's sessions closed. */
    private CompletableFuture<Void> changes = CompletableFuture.completedFuture(null);
    private boolean started;
    private boolean stopped;

    /**
     * @param sessions opens one Ditto session per tenant
     * @param writer   session for clearing applied desired properties; its changes come back as events, so it
     *                 must not be one of the egress sessions
     */
    public EgressService(EgressSettings settings, TenantDirectory directory, ModelRegistry models,
                         DittoPortFactory sessions, DittoPort writer) {
        this(settings, directory, models, TenantDitto.shared(writer, sessions),
                props -> new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()),
                new SimpleMeterRegistry());
    }

    /** @param producers creates the producer from the complete properties (idempotent, acks=all) */
    public EgressService(EgressSettings settings, TenantDirectory directory, ModelRegistry models,
                         DittoPortFactory sessions, DittoPort writer,
                         Function<Properties, Producer<byte[], byte[]>> producers) {
        this(settings, directory, models, TenantDitto.shared(writer, sessions), producers, new SimpleMeterRegistry());
    }

    /**
     * @param ditto  each tenant's sessions: events are read, and desired properties cleared, as the tenant's
     *               technical subject
     * @param meters where each tenant's counters are kept ({@link EgressStats})
     */
    public EgressService(EgressSettings settings, TenantDirectory directory, ModelRegistry models, TenantDitto ditto,
                         Function<Properties, Producer<byte[], byte[]>> producers, MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.ditto = Objects.requireNonNull(ditto, "ditto");
        this.producers = Objects.requireNonNull(producers, "producers");
        this.topics = new TopicNames(settings.topicPrefix());
        this.records = new TwinRecords(models, settings.format());
        this.mappings = DesiredPropertyCommands.compile(models);
        this.egressTopics = new EgressTopics(settings.producerProperties(), settings.topicPrefix());
        directory.all().forEach(tenant -> tenants.put(tenant.id(), new TenantRun(tenant)));
    }

    private TenantEgress egressOf(TenantSettings tenant) {
        Optional<String> label = settings.ackLabelPrefix()
                .map(prefix -> EgressSettings.ackLabel(prefix, tenant.id().value()));
        EgressStats tenantStats = new EgressStats(meters, tenant.id().value());
        DittoPort session = ditto.open(tenant, "egress-" + tenant.id(), label.map(Set::of).orElse(Set.of()));
        TenantEgress.Parts parts = new TenantEgress.Parts(ditto.writer(tenant), new RecordSender(producer), records,
                new DesiredCommands(tenant.id().value(), mappings, records, tenantStats),
                new PositionStore(producer, egressTopics.state(tenant.id())), label, settings.maxBufferedEvents(),
                settings.maxCachedThings(), settings.reconcileInterval(), settings.reconcileMaxThings(), DITTO_WAIT,
                tenantStats);
        return new TenantEgress(tenant, session, tenant.twinEventsTopic(topics), tenant.commandsTopic(topics), parts);
    }

    static Properties producerProperties(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // idempotence keeps order per partition with up to 5 requests in flight, also across retries
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "twinbridge-egress");
        return p;
    }

    /**
     * Starts every tenant's egress, or its election; completes when each tenant is either active and subscribed
     * (Ditto acknowledged the subscription) or standing by.
     */
    public synchronized CompletableFuture<Void> start() {
        started = true;
        producer = producers.apply(producerProperties(settings.producerProperties()));
        CompletableFuture<?>[] starting = tenants.values().stream().map(TenantRun::start)
                .toArray(CompletableFuture[]::new);
        LOG.info("Egress starting for {} tenant(s): {}.twin-events.<tenant> ({}), {}.commands.<tenant>{}, unless "
                        + "overridden; position in {}.egress-state.<tenant>; {}", tenants.size(),
                settings.topicPrefix(), settings.format(), settings.topicPrefix(),
                settings.ackLabelPrefix().map(l -> ", acknowledging label " + l + "-<tenant>").orElse(""),
                settings.topicPrefix(), settings.failover().map(t -> "one active instance per tenant, elected in "
                        + "group " + settings.groupId() + ".egress.<tenant> (session timeout " + t + ")")
                        .orElse("active for every tenant (no election)"));
        CompletableFuture.allOf(starting).whenComplete((ok, failure) -> {
            if (failure == null) {
                subscribed.complete(null);
            } else {
                subscribed.completeExceptionally(failure);
            }
        });
        return subscribed.copy();
    }

    /**
     * Follows the tenant directory: starts the egress of added tenants, restarts that of changed ones (namespace,
     * topics, Ditto user) and stops that of removed ones. A replaced tenant's old session is closed before the new one
     * opens, because its acknowledgement label may be declared by one session only. Completes when done.
     */
    @Override
    public synchronized CompletableFuture<Void> tenantsChanged(TenantChange change) {
        changes = changes.handle((ok, ignored) -> null).thenCompose(ignored -> apply(change));
        return changes.copy();
    }

    private synchronized CompletableFuture<Void> apply(TenantChange change) {
        if (stopped) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> steps = new ArrayList<>();
        change.removed().forEach(gone -> steps.add(end(gone.id(), "stops: tenant removed")));
        change.changed().forEach(now -> steps.add(end(now.id(), "restarts: tenant changed")
                .thenCompose(ignored -> begin(now))));
        // a tenant added while this service was being built may already run: it read the directory when built
        change.added().stream().filter(added -> !tenants.containsKey(added.id()))
                .forEach(added -> steps.add(begin(added)));
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
    }

    /** Stops the egress of one tenant, if it runs; completes once its session is closed. */
    private synchronized CompletableFuture<Void> end(TenantId id, String why) {
        TenantRun running = tenants.remove(id);
        if (running == null) {
            return CompletableFuture.completedFuture(null);
        }
        LOG.info("Egress of tenant {} {}", id, why);
        return running.stop(Duration.ofSeconds(5)).handle((ok, failure) -> {
            if (failure != null) {
                LOG.warn("closing the egress session of {} failed: {}", id, failure.toString());
            }
            return null;
        });
    }

    /** Starts the egress (or election) of one tenant, if egress runs; completes once it is decided. */
    private synchronized CompletableFuture<Void> begin(TenantSettings tenant) {
        if (stopped) {
            return CompletableFuture.completedFuture(null);
        }
        TenantRun run = new TenantRun(tenant);
        tenants.put(tenant.id(), run);
        LOG.info("Egress of tenant {} starts: {}, {}", tenant.id(), tenant.twinEventsTopic(topics),
                tenant.commandsTopic(topics));
        return started ? run.start().handle((ok, failure) -> {
            if (failure != null) {
                LOG.warn("Egress of tenant {} not started yet ({}); it keeps retrying", tenant.id(),
                        failure.toString());
            }
            return null;
        }) : CompletableFuture.completedFuture(null);
    }

    /** Completes once every tenant is active and subscribed, or standing by (after {@link #start()}). */
    public CompletableFuture<Void> subscribed() {
        return subscribed.copy();
    }

    /**
     * Lets each active tenant hand its queue to Kafka and write its position, leaves the elections (a standby takes
     * over at once), and closes the sessions and the producer.
     */
    public CompletableFuture<Void> stop(Duration timeout) {
        // every wait below is bounded by the one deadline: a gateway whose Kafka is down must still stop in time
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Void> pendingChanges;
        synchronized (this) {
            stopped = true;
            pendingChanges = changes.handle((ok, ignored) -> null);
        }
        // a tenant change or start blocked on Kafka (topic creation) fails at once instead of holding the stop up
        egressTopics.abort();
        return pendingChanges.completeOnTimeout(null, remainingMs(deadline), TimeUnit.MILLISECONDS)
                .thenCompose(ignored -> {
                    CompletableFuture<?>[] stopping = tenants.values().stream()
                            .map(t -> t.stop(Duration.ofMillis(remainingMs(deadline))))
                            .toArray(CompletableFuture[]::new);
                    return CompletableFuture.allOf(stopping).orTimeout(remainingMs(deadline), TimeUnit.MILLISECONDS);
                }).handle((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("stopping an egress session failed or took longer than {}: {}", timeout,
                                failure.toString());
                    }
                    closeProducer(Duration.ofMillis(remainingMs(deadline)));
                    LOG.info("Egress stopped: published={} resyncs={} commands={} dropped={}",
                            MeterReads.total(meters, MetricNames.EGRESS_EVENTS_PUBLISHED),
                            MeterReads.total(meters, MetricNames.EGRESS_RESYNCS_PUBLISHED),
                            MeterReads.total(meters, MetricNames.EGRESS_COMMANDS_PUBLISHED),
                            MeterReads.total(meters, MetricNames.EGRESS_EVENTS_DROPPED));
                    return null;
                });
    }

    private void closeProducer(Duration timeout) {
        Producer<byte[], byte[]> created = producer;
        if (created != null) {
            created.close(timeout);
        }
    }

    private static long remainingMs(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /**
     * Stops at once, as a crash (SIGKILL) would, for failover tests: the elections' consumers close without leaving
     * their groups (the group notices only when the session times out), nothing is drained or written, records not
     * yet sent are lost.
     */
    public CompletableFuture<Void> crash() {
        synchronized (this) {
            stopped = true;
        }
        CompletableFuture<?>[] crashing = tenants.values().stream().map(TenantRun::crash)
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(crashing).whenComplete((ok, failure) -> {
            closeProducer(Duration.ZERO);
            egressTopics.abort();
        });
    }

    /** The registry of the tenants' counters ({@link EgressStats}); read it with {@link MeterReads}. */
    public MeterRegistry meters() {
        return meters;
    }

    /** The Ditto session that reads the tenant's events, while this instance is its active one. */
    public Optional<DittoPort> session(TenantId tenant) {
        return Optional.ofNullable(tenants.get(tenant)).flatMap(run -> Optional.ofNullable(run.active))
                .map(TenantEgress::session);
    }

    /** Whether this instance publishes the tenant's changes now (it won its election, or there is none). */
    public boolean isActive(TenantId tenant) {
        return session(tenant).isPresent();
    }

    /** Events waiting for Kafka, over all tenants. */
    public int buffered() {
        return tenants.values().stream().map(run -> run.active).filter(Objects::nonNull)
                .mapToInt(TenantEgress::buffered).sum();
    }

    /** One tenant on this instance: its election, if any, and its egress while active. */
    private final class TenantRun implements EgressElection.Listener {
        final TenantSettings tenant;
        final Optional<EgressElection> election;
        /** Completes when the tenant is active and subscribed, or standing by. */
        final CompletableFuture<Void> decided = new CompletableFuture<>();
        volatile TenantEgress active;
        private final Object lifecycle = new Object();
        /** Set by stop/crash without the lock: elected() holds it no longer than a check, never while on Kafka. */
        private volatile boolean ended;

        TenantRun(TenantSettings tenant) {
            this.tenant = tenant;
            this.election = settings.failover().map(timeout -> new EgressElection(tenant.id().value(),
                    settings.producerProperties(), settings.groupId() + ".egress." + tenant.id(),
                    egressTopics.coordination(tenant.id()), timeout, this));
        }

        CompletableFuture<Void> start() {
            CompletableFuture.runAsync(() -> {
                if (ended) {
                    return;
                }
                if (election.isPresent()) {
                    egressTopics.ensure(tenant.id());
                    election.get().start();
                } else {
                    elected();
                }
            }, runnable -> {
                // may block on Kafka (topic creation, position read): must not keep the JVM from exiting
                Thread thread = new Thread(runnable, "twinbridge-egress-start-" + tenant.id());
                thread.setDaemon(true);
                thread.start();
            })
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            LOG.error("Egress of tenant {} cannot start", tenant.id(), failure);
                            decided.completeExceptionally(failure);
                        }
                    });
            return decided.copy();
        }

        /** Reads the stored position, then opens the session and subscribes (blocking: not on an event loop). */
        @Override
        public void elected() {
            if (ended) {
                return;
            }
            // blocking on Kafka outside the lock, so that stop() never waits for it
            egressTopics.ensure(tenant.id());
            Map<String, Long> position = PositionStore.read(settings.producerProperties(),
                    egressTopics.state(tenant.id()), POSITION_READ);
            TenantEgress egress;
            synchronized (lifecycle) {
                if (ended) {
                    return;
                }
                egress = egressOf(tenant);
                active = egress;
            }
            egress.start(position).whenComplete((ok, failure) -> {
                if (failure == null) {
                    decided.complete(null);
                } else {
                    LOG.warn("Egress subscription of tenant {} not confirmed yet ({}); the session keeps retrying",
                            tenant.id(), failure.toString());
                    decided.completeExceptionally(failure);
                }
            });
        }

        @Override
        public void deposed() {
            TenantEgress egress = active;
            active = null;
            if (egress != null) {
                egress.stop(DITTO_WAIT).toCompletableFuture().join();
            }
        }

        @Override
        public void standingBy() {
            LOG.info("egress of {}: standing by", tenant.id());
            decided.complete(null);
        }

        CompletableFuture<Void> stop(Duration timeout) {
            TenantEgress egress;
            synchronized (lifecycle) {
                ended = true;
                egress = active;
            }
            if (election.isPresent()) {
                return election.get().stop(timeout);
            }
            active = null;
            return egress == null ? CompletableFuture.completedFuture(null)
                    : egress.stop(timeout).toCompletableFuture();
        }

        CompletableFuture<Void> crash() {
            TenantEgress egress;
            synchronized (lifecycle) {
                ended = true;
                egress = active;
            }
            active = null;
            if (egress != null) {
                egress.crash();
            }
            return election.map(EgressElection::crash).orElse(CompletableFuture.completedFuture(null));
        }
    }
}
