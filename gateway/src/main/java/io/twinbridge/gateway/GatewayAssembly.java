package io.twinbridge.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.Codecs;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.config.TenantsConfig;
import io.twinbridge.gateway.dashboard.Dashboard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinbridge.gateway.dashboard.GatewayStatsSource;
import io.twinbridge.gateway.dashboard.LagProbe;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.egress.EgressFactory;
import io.twinbridge.gateway.egress.EgressService;
import io.twinbridge.gateway.health.DittoCheck;
import io.twinbridge.gateway.health.KafkaCheck;
import io.twinbridge.gateway.health.ReadinessMonitor;
import io.twinbridge.gateway.http.AdminAuth;
import io.twinbridge.gateway.http.AdminRoutes;
import io.twinbridge.gateway.http.HealthRoutes;
import io.twinbridge.gateway.http.MetricsRoutes;
import io.twinbridge.gateway.http.ModelRoutes;
import io.twinbridge.gateway.ingest.IngestFactory;
import io.twinbridge.gateway.ingest.IngestService;
import io.twinbridge.gateway.lifecycle.Lifecycle;
import io.twinbridge.gateway.metrics.GatewayMetrics;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.retry.Backoff;
import io.twinbridge.gateway.tenant.TenantAdmin;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantDocuments;
import io.twinbridge.gateway.tenant.TenantPolicies;
import io.twinbridge.gateway.tenant.TenantSessions;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.document.TenantDocumentReader;
import io.twinbridge.gateway.tenant.policy.GatewaySubjects;
import io.twinbridge.gateway.tenant.policy.PolicyRenderer;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;

/**
 * The composition root: builds every part of one gateway from its config, without I/O, and lists them in start
 * order: clients (Vert.x, Kafka admin), Ditto session, tenant policies, HTTP with readiness, egress, ingest,
 * dashboard. {@link io.twinbridge.gateway.lifecycle.Lifecycles} starts them in that order and stops them in reverse.
 */
final class GatewayAssembly {
    /** Tenant policies are retried from half a second up to every 30 s until Ditto takes them. */
    private static final Backoff POLICY_RETRY = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30),
            () -> ThreadLocalRandom.current().nextDouble());

    final DittoPort ditto;
    final ReadinessMonitor readiness;
    final TenantAdmin tenants;
    final Optional<FlowPart<IngestService>> ingest;
    final Optional<FlowPart<EgressService>> egress;
    final HttpPart http;
    final List<Lifecycle> parts = new ArrayList<>();

    /** @throws RuntimeException when the models, the tenants file, the admin principals or the codec are invalid */
    GatewayAssembly(GatewayConfig config, DittoPortFactory dittoSessions, Function<String, Optional<String>> env) {
        TenantsConfig tenantsConfig = config.tenantsConfig();
        TopicNames topicNames = new TopicNames(config.kafka().topicPrefix());
        CodecKind codec = CodecKind.parse(config.ingest().codec());
        TenantDocumentReader reader = new TenantDocumentReader(tenantsConfig.maxDocumentBytes(), topicNames);
        // an operator adds or fixes a model by pointing these at folders and restarting (e.g. before a DLQ replay)
        ModelRegistry models = config.modelDirectories()
                .map(dirs -> ModelRegistry.fromDirectories(dirs.twinModels(), dirs.schemas()))
                .orElseGet(ModelRegistry::fromClasspath);
        TenantDocument document = TenantDocuments.load(tenantsConfig.file(), reader, env);
        TenantDirectory directory = tenantsConfig.file().isPresent() ? TenantDocuments.directory(document, codec)
                : IngestFactory.tenants(config);
        AdminAuth adminAuth = AdminAuth.of(tenantsConfig.adminPrincipals());
        Optional<Codecs> codecs = config.ingest().enabled() ? Optional.of(IngestFactory.codecs(config, models))
                : Optional.empty();
        // fail at start, not on the first record, when confluent-avro has no registry
        codecs.ifPresent(c -> c.forKind(codec));

        Optional<GatewayMetrics> metrics = config.metricsEnabled() ? Optional.of(new GatewayMetrics())
                : Optional.empty();
        // the flows count into one registry: Prometheus's when /metrics is on, else one only the dashboard reads
        MeterRegistry meters = metrics.<MeterRegistry>map(GatewayMetrics::registry)
                .orElseGet(SimpleMeterRegistry::new);
        Vertx vertx = metrics.map(GatewayMetrics::newVertx).orElseGet(Vertx::vertx);
        Admin admin = Admin.create(GatewayClients.adminProperties(config));
        parts.add(Lifecycle.of("Kafka admin client and Vert.x", GatewayClients::started,
                () -> GatewayClients.close(vertx, admin, config.shutdownTimeout())));
        DittoPortFactory sessions = metrics.map(m -> m.trackSessions(dittoSessions)).orElse(dittoSessions);
        ditto = sessions.open("ingest");
        // tenants with a Ditto user of their own are written and read as that user, the others through `ditto`
        TenantSessions tenantSessions = new TenantSessions(ditto, sessions, env);
        DittoSessionPart dittoPart = new DittoSessionPart(ditto, tenantSessions);
        parts.add(dittoPart);

        tenants = new TenantAdmin(document, reader, new PolicyRenderer(models,
                new GatewaySubjects(tenantsConfig.subjectIssuer(), config.ditto().username())), ditto, directory,
                codec, tenantsConfig.file(), tenantSessions, env);
        TenantPolicies policies = new TenantPolicies(tenants, POLICY_RETRY);
        parts.add(Lifecycle.of("tenant policies",
                () -> dittoPart.firstAttempt().thenCompose(ignored -> policies.start()), policies::stop));

        readiness = new ReadinessMonitor(vertx, List.of(
                new KafkaCheck(admin, config.readiness().timeout(), vertx.getOrCreateContext()),
                new DittoCheck(ditto, shorter(config.readiness().checkInterval(), config.readiness().timeout()),
                        config.readiness().timeout().plus(config.readiness().checkInterval()),
                        vertx.getOrCreateContext(), Clock.systemUTC())),
                config.readiness().checkInterval(), Clock.systemUTC());
        Router router = Router.router(vertx);
        new HealthRoutes(readiness).mount(router);
        metrics.ifPresent(m -> new MetricsRoutes(m).mount(router));
        new ModelRoutes(models, config.modelsBaseUrl()).mount(router);
        new AdminRoutes(tenants, adminAuth, tenantsConfig.maxDocumentBytes()).mount(router);
        http = new HttpPart(vertx, config, router, readiness);
        parts.add(http);

        // the ingest session writes cleared desired properties: egress must see those as events
        egress = config.egress().enabled() ? Optional.of(new FlowPart<>("egress",
                () -> EgressFactory.create(config, models, tenantSessions, directory, meters), GatewayClients::started, service -> GatewayClients.logged(service.start(),
                "Egress subscriptions not confirmed yet ({}); the sessions keep retrying"),
                service -> service.stop(config.shutdownTimeout()), EgressService::tenantsChanged)) : Optional.empty();
        egress.ifPresent(parts::add);
        // things ingest creates reference their tenant's policy: it consumes once Ditto holds every one
        ingest = codecs.map(c -> new FlowPart<>("ingest", () -> {
            IngestService service = new IngestService(IngestFactory.settings(config), directory, c::forKind, models,
                    tenantSessions::writer, meters);
            metrics.ifPresent(m -> m.beforeScrape(service::refreshMeters));
            return service;
        }, policies::applied, IngestService::start, IngestService::stop, (service, change) -> {
            service.tenantsChanged();
            return CompletableFuture.completedFuture(null);
        }));
        ingest.ifPresent(parts::add);
        Optional<Dashboard> dashboard = config.dashboardEnabled()
                // the untracked factory: the signed-in people's sessions are counted by one gauge, not one each
                ? Optional.of(Dashboard.create(vertx, dittoSessions, config.ditto(), directory, models,
                        new GatewayStatsSource(() -> ingest.flatMap(FlowPart::service), meters, new LagProbe(admin,
                                config.kafka().groupId(), Dashboard.LAG_INTERVAL, config.readiness().timeout()),
                                directory, topicNames), config.dashboardMaxUsers()))
                : Optional.empty();
        dashboard.ifPresent(d -> {
            metrics.ifPresent(m -> m.bindDashboard(d::signedIn));
            d.mount(router);
            parts.add(Lifecycle.of("dashboard", () -> GatewayClients.logged(d.start(),
                    "Dashboard subscription not confirmed yet ({}); its session keeps retrying"), d::stop));
        });

        // followers of the admin API's changes, in this order: egress closes a removed tenant's sessions before the
        // tenant sessions close its writer session
        ingest.ifPresent(directory::listen);
        dashboard.ifPresent(directory::listen);
        egress.ifPresent(directory::listen);
        directory.listen(tenantSessions);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
