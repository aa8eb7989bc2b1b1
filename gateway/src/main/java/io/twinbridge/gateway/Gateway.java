package io.twinbridge.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.dashboard.Dashboard;
import io.twinbridge.gateway.dashboard.GatewayStatsSource;
import io.twinbridge.gateway.dashboard.LagProbe;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.egress.EgressFactory;
import io.twinbridge.gateway.egress.EgressService;
import io.twinbridge.gateway.health.DittoCheck;
import io.twinbridge.gateway.health.KafkaCheck;
import io.twinbridge.gateway.health.ReadinessMonitor;
import io.twinbridge.gateway.http.GatewayHttpServer;
import io.twinbridge.gateway.http.HealthRoutes;
import io.twinbridge.gateway.http.MetricsRoutes;
import io.twinbridge.gateway.metrics.GatewayMetrics;
import io.twinbridge.gateway.http.ModelRoutes;
import io.twinbridge.gateway.ingest.IngestFactory;
import io.twinbridge.gateway.ingest.IngestService;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.Codecs;
import io.twinbridge.gateway.config.TenantsConfig;
import io.twinbridge.gateway.http.AdminAuth;
import io.twinbridge.gateway.http.AdminRoutes;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.tenant.TenantAdmin;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantDocuments;
import io.twinbridge.gateway.tenant.TenantSessions;
import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.document.TenantDocumentReader;
import io.twinbridge.gateway.tenant.policy.GatewaySubjects;
import io.twinbridge.gateway.tenant.policy.PolicyRenderer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * One running gateway: its Vert.x instance, HTTP server, Kafka admin client and Ditto session. Start it with
 * {@link #start}, stop it with {@link #stop}. Neither Kafka nor Ditto has to be up for it to start: {@code /ready}
 * reports them until they answer.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Vertx vertx;
    private final Admin kafkaAdmin;
    private final DittoPort ditto;
    private final ReadinessMonitor readiness;
    private final GatewayHttpServer http;
    private final Optional<IngestService> ingest;
    private final Optional<EgressService> egress;
    private final TenantAdmin tenants;
    private final TenantSessions tenantSessions;
    private final AtomicBoolean stopping;
    private final Optional<Dashboard> dashboard;

    private Gateway(GatewayConfig config, Vertx vertx, Admin kafkaAdmin, DittoPort ditto, ReadinessMonitor readiness,
                    GatewayHttpServer http, Optional<IngestService> ingest, Optional<EgressService> egress,
                    TenantAdmin tenants, TenantSessions tenantSessions, AtomicBoolean stopping,
                    Optional<Dashboard> dashboard) {
        this.config = config;
        this.vertx = vertx;
        this.kafkaAdmin = kafkaAdmin;
        this.ditto = ditto;
        this.readiness = readiness;
        this.http = http;
        this.ingest = ingest;
        this.egress = egress;
        this.tenants = tenants;
        this.tenantSessions = tenantSessions;
        this.stopping = stopping;
        this.dashboard = dashboard;
    }

    public static Future<Gateway> start(GatewayConfig config) {
        return start(config, DittoPortFactory.webSocket(config.ditto()));
    }

    /** With another Ditto session factory, e.g. a test double. */
    public static Future<Gateway> start(GatewayConfig config, DittoPortFactory dittoSessions) {
        return start(config, dittoSessions, name -> Optional.ofNullable(System.getenv(name)));
    }

    /**
     * @param environment where tenants' Ditto passwords are read ({@code passwordEnv}); the process environment in
     *                    production
     */
    public static Future<Gateway> start(GatewayConfig config, DittoPortFactory dittoSessions,
                                        java.util.function.Function<String, Optional<String>> environment) {
        config.warnings().forEach(LOG::warn);
        ModelRegistry models;
        TenantsConfig tenantsConfig = config.tenantsConfig();
        TopicNames topicNames = new TopicNames(config.kafka().topicPrefix());
        CodecKind codec = CodecKind.parse(config.ingest().codec());
        TenantDocumentReader reader = new TenantDocumentReader(tenantsConfig.maxDocumentBytes(), topicNames);
        TenantDocument document;
        TenantDirectory directory;
        AdminAuth adminAuth;
        try {
            // an operator adds or fixes a model by pointing these at folders and restarting (e.g. before a DLQ replay)
            models = config.modelDirectories()
                    .map(dirs -> ModelRegistry.fromDirectories(dirs.twinModels(), dirs.schemas()))
                    .orElseGet(ModelRegistry::fromClasspath);
            document = TenantDocuments.load(tenantsConfig.file(), reader, environment);
            directory = tenantsConfig.file().isPresent() ? TenantDocuments.directory(document, codec)
                    : IngestFactory.tenants(config);
            adminAuth = AdminAuth.of(tenantsConfig.adminPrincipals());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Vertx vertx = Vertx.vertx();
        Admin admin = Admin.create(adminProperties(config));
        Optional<GatewayMetrics> metrics = config.metricsEnabled() ? Optional.of(new GatewayMetrics())
                : Optional.empty();
        DittoPortFactory sessions = metrics.map(m -> m.trackSessions(dittoSessions)).orElse(dittoSessions);
        DittoPort ditto = sessions.open("ingest");
        // The admin API changes tenants at run time; ingest, created below, then follows the tenant directory.
        AtomicReference<Optional<IngestService>> ingestRef = new AtomicReference<>(Optional.empty());
        AtomicReference<Optional<EgressService>> egressRef = new AtomicReference<>(Optional.empty());
        AtomicReference<Optional<Dashboard>> dashboardRef = new AtomicReference<>(Optional.empty());
        // tenants with a Ditto user of their own are written and read as that user, the others through `ditto`
        TenantSessions tenantSessions = new TenantSessions(ditto, sessions, environment);
        // Things ingest creates reference their tenant's policy, so the policies go to Ditto before ingest starts.
        TenantAdmin tenantAdmin = new TenantAdmin(document, reader, new PolicyRenderer(models,
                new GatewaySubjects(tenantsConfig.subjectIssuer(), config.ditto().username())), ditto, directory,
                codec, tenantsConfig.file(), () -> {
                    ingestRef.get().ifPresent(IngestService::tenantsChanged);
                    dashboardRef.get().ifPresent(d -> d.tenantsChanged().whenComplete((ok, failure) -> {
                        if (failure != null) {
                            LOG.warn("Dashboard subscription to the changed tenants not confirmed yet ({})",
                                    failure.toString());
                        }
                    }));
                    // egress closes a removed tenant's sessions before the tenant's own writer session goes
                    egressRef.get().map(EgressService::tenantsChanged)
                            .orElse(CompletableFuture.completedFuture(null))
                            .whenComplete((ok, failure) -> tenantSessions.retain(directory.all()));
                }, tenantSessions, environment);
        CompletableFuture<Void> connected = ditto.connect().toCompletableFuture()
                .handle((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("Ditto is not reachable yet ({}); the session keeps retrying", failure.getMessage());
                    }
                    return null;
                });
        CompletableFuture<Void> policiesApplied = document.tenants().isEmpty()
                ? CompletableFuture.completedFuture(null)
                : connected.thenCompose(ignored -> tenantAdmin.applyAll()).handle((failed, error) -> {
                    if (error != null || !failed.isEmpty()) {
                        LOG.warn("Tenant policies not applied to Ditto: {}; things of those tenants cannot be created "
                                + "until `./twinbridge tenants apply` or the admin API applies them",
                                error != null ? error.toString() : failed);
                    }
                    return null;
                });
        AtomicBoolean stopping = new AtomicBoolean();
        ReadinessMonitor readiness = new ReadinessMonitor(vertx, List.of(
                new KafkaCheck(admin, config.readiness().timeout(), vertx.getOrCreateContext()),
                new DittoCheck(ditto, min(config.readiness().checkInterval(), config.readiness().timeout()),
                        config.readiness().timeout().plus(config.readiness().checkInterval()),
                        vertx.getOrCreateContext(), Clock.systemUTC())),
                config.readiness().checkInterval(), Clock.systemUTC());
        Router router = Router.router(vertx);
        new HealthRoutes(readiness).mount(router);
        metrics.ifPresent(m -> new MetricsRoutes(m).mount(router));
        new ModelRoutes(models, config.modelsBaseUrl()).mount(router);
        new AdminRoutes(tenantAdmin, adminAuth, tenantsConfig.maxDocumentBytes()).mount(router);
        Optional<Dashboard> dashboard = config.dashboardEnabled()
                // the untracked factory: the signed-in people's sessions are counted by one gauge, not one each
                ? Optional.of(Dashboard.create(vertx, dittoSessions, config.ditto(), directory, models,
                        new GatewayStatsSource(
                        ingestRef::get, egressRef::get, new LagProbe(admin, config.kafka().groupId(),
                                Dashboard.LAG_INTERVAL, config.readiness().timeout()), directory, topicNames),
                        config.dashboardMaxUsers()))
                : Optional.empty();
        dashboardRef.set(dashboard);
        dashboard.ifPresent(d -> metrics.ifPresent(m -> m.bindDashboard(d::signedIn)));
        dashboard.ifPresent(d -> d.mount(router));
        Promise<Gateway> started = Promise.promise();
        GatewayHttpServer.start(vertx, config.http(), router).onComplete(listening -> {
            if (listening.succeeded()) {
                readiness.start();
                Optional<IngestService> ingest = Optional.empty();
                Optional<EgressService> egress = Optional.empty();
                try {
                    if (config.egress().enabled()) {
                        // the ingest session writes cleared desired properties: egress must see those as events
                        EgressService service = EgressFactory.create(config, models, tenantSessions, directory);
                        egress = Optional.of(service);
                        metrics.ifPresent(m -> m.bindEgress(service.stats()));
                        egressRef.set(egress);
                        service.start().whenComplete((ok, failure) -> {
                            if (failure != null) {
                                LOG.warn("Egress subscriptions not confirmed yet ({}); the sessions keep retrying",
                                        failure.toString());
                            }
                        });
                    }
                    if (config.ingest().enabled()) {
                        Codecs codecs = IngestFactory.codecs(config, models);
                        // fail at start, not on the first record, when confluent-avro has no registry
                        codecs.forKind(codec);
                        IngestService service = new IngestService(IngestFactory.settings(config), directory,
                                codecs::forKind, models, tenantSessions::writer);
                        policiesApplied.thenRun(() -> {
                            synchronized (stopping) {
                                if (!stopping.get()) {
                                    service.start();
                                }
                            }
                        });
                        ingest = Optional.of(service);
                        ingestRef.set(ingest);
                        metrics.ifPresent(m -> m.bindIngest(service.stats(), service.consumerStats(),
                                topic -> directory.ofTelemetryTopic(topic, topicNames).map(t -> t.id().value())));
                    }
                } catch (RuntimeException e) {
                    egress.map(service -> service.stop(config.shutdownTimeout()))
                            .orElse(CompletableFuture.completedFuture(null))
                            .thenCompose(ignored -> closeAll(vertx, admin, ditto, config.shutdownTimeout()))
                            .whenComplete((ok, ignored) -> started.fail(e));
                    return;
                }
                LOG.info("TwinBridge gateway listening on http://{}:{} (Kafka {}, Ditto {})", config.http().host(),
                        listening.result().port(), config.kafka().bootstrapServers(), config.ditto().endpoint());
                dashboard.ifPresent(d -> d.start().whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("Dashboard subscription not confirmed yet ({}); its session keeps retrying",
                                failure.toString());
                    }
                }));
                started.complete(new Gateway(config, vertx, admin, ditto, readiness, listening.result(), ingest,
                        egress, tenantAdmin, tenantSessions, stopping, dashboard));
            } else {
                closeAll(vertx, admin, ditto, config.shutdownTimeout())
                        .whenComplete((ok, ignored) -> started.fail(listening.cause()));
            }
        });
        return started.future();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops serving, then closes the Ditto session, the Kafka client and Vert.x. */
    public Future<Void> stop() {
        synchronized (stopping) {
            stopping.set(true);
        }
        readiness.stop();
        CompletableFuture<Void> ingestStopped = ingest.map(IngestService::stop)
                .orElse(CompletableFuture.completedFuture(null))
                .exceptionally(failure -> {
                    LOG.warn("stopping ingest failed: {}", failure.toString());
                    return null;
                });
        // egress stops after ingest, so that the changes of ingest's last merges still reach Kafka
        CompletableFuture<Void> egressStopped = ingestStopped.thenCompose(ignored -> egress
                        .map(service -> service.stop(config.shutdownTimeout()))
                        .orElse(CompletableFuture.completedFuture(null)))
                .exceptionally(failure -> {
                    LOG.warn("stopping egress failed: {}", failure.toString());
                    return null;
                });
        CompletableFuture<Void> dashboardStopped = egressStopped.thenCompose(ignored -> dashboard
                        .map(d -> d.stop().toCompletableFuture()).orElse(CompletableFuture.completedFuture(null)))
                .exceptionally(failure -> {
                    LOG.warn("stopping the dashboard failed: {}", failure.toString());
                    return null;
                });
        CompletableFuture<Void> sessionsClosed = dashboardStopped.thenCompose(ignored -> tenantSessions.close())
                .exceptionally(failure -> {
                    LOG.warn("closing the tenants' own Ditto sessions failed: {}", failure.toString());
                    return null;
                });
        CompletableFuture<Void> stopped = sessionsClosed.thenCompose(ignored -> http.stop().toCompletionStage())
                .handle((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("closing the HTTP server failed: {}", failure.toString());
                    }
                    return null;
                })
                .thenCompose(ignored -> closeAll(vertx, kafkaAdmin, ditto, config.shutdownTimeout()))
                .whenComplete((ok, failure) -> LOG.info("TwinBridge gateway stopped"));
        return Future.fromCompletionStage(stopped);
    }

    public DittoPort ditto() {
        return ditto;
    }

    /** The bound HTTP port, also when the configuration asked for port 0. */
    public int httpPort() {
        return http.port();
    }

    /** The ingest flow, unless {@code ingest.enabled} is false. */
    public Optional<IngestService> ingest() {
        return ingest;
    }

    /** Tenants as declared in the tenants document, and their administration. */
    public TenantAdmin tenants() {
        return tenants;
    }

    /** The egress flow, unless {@code egress.enabled} is false. */
    public Optional<EgressService> egress() {
        return egress;
    }

    public boolean isReady() {
        return readiness.isReady();
    }

    /**
     * Closes the clients, then Vert.x. Plain {@link CompletableFuture}s carry the result, because a Vert.x future tied
     * to one of this instance's event loops could never deliver it once that loop has been shut down; callers get a
     * context-free {@code Future.fromCompletionStage}.
     */
    private static CompletableFuture<Void> closeAll(Vertx vertx, Admin admin, DittoPort ditto, Duration timeout) {
        CompletableFuture<Void> dittoClosed = ditto.close().toCompletableFuture();
        // Admin.close blocks until its network thread ends, so it gets a thread of its own.
        CompletableFuture<Void> adminClosed = CompletableFuture.runAsync(() -> admin.close(timeout));
        return CompletableFuture.allOf(dittoClosed, adminClosed)
                .handle((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("closing the Kafka or Ditto client failed: {}", failure.toString());
                    }
                    return null;
                })
                .thenCompose(ignored -> closeVertx(vertx));
    }

    private static CompletableFuture<Void> closeVertx(Vertx vertx) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        vertx.close().onComplete(result -> {
            if (result.succeeded()) {
                closed.complete(null);
            } else {
                closed.completeExceptionally(result.cause());
            }
        });
        return closed;
    }

    private static Properties adminProperties(GatewayConfig config) {
        Properties props = config.kafka().baseClientProperties();
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, config.kafka().groupId() + "-readiness");
        // Readiness must notice a broker that is back soon, not after the default 1 s..1000 s backoff ramp.
        props.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                String.valueOf(config.readiness().timeout().toMillis()));
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                String.valueOf(config.readiness().timeout().toMillis()));
        return props;
    }
}
