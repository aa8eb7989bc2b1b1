package io.twinbridge.gateway.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.egress.EgressStats;
import io.twinbridge.gateway.ingest.IngestStats;
import io.twinbridge.gateway.kafka.IngestConsumerStats;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The gateway's Prometheus registry and its binders. {@link #scrape()} first registers the meters of tenants,
 * error codes and partitions that appeared since the last scrape, then renders the text format.
 */
public final class GatewayMetrics {
    /** Content type of {@link #scrape()}: the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> refreshers = new CopyOnWriteArrayList<>();

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * A Vert.x whose own meters go to this registry (vertx-micrometer-metrics, as {@code vertx_*}): the HTTP server's
     * requests and connections, the event bus, and the worker and connection pools. Labels stay at Vert.x's defaults
     * (route, method, status code, pool and address; not the request path, which would name every thing).
     */
    public Vertx newVertx() {
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    /** Ingest's counters, consumer lag and paused partitions; {@code tenantOfTopic} labels the partition meters. */
    public void bindIngest(IngestStats stats, IngestConsumerStats consumer,
            Function<String, Optional<String>> tenantOfTopic) {
        refreshers.add(new IngestMeters(registry, stats, consumer, tenantOfTopic)::refresh);
    }

    public void bindEgress(EgressStats stats) {
        refreshers.add(new EgressMeters(registry, stats)::refresh);
    }

    /**
     * {@code twinbridge_dashboard_sessions}: people signed in to the dashboard, each with one Ditto session of their
     * own. A gauge of their number rather than one per session: their sessions come and go with the people, and user
     * names do not belong in metric labels.
     */
    public void bindDashboard(java.util.function.IntSupplier signedIn) {
        io.micrometer.core.instrument.Gauge.builder(MetricNames.DASHBOARD_SESSIONS, signedIn, s -> s.getAsInt())
                .description("People signed in to the dashboard, each with one Ditto session of their own")
                .strongReference(true)
                .register(registry);
    }

    /** {@code sessions}, giving each session it opens a connection-state gauge. */
    public DittoPortFactory trackSessions(DittoPortFactory sessions) {
        return DittoSessionMeters.tracking(sessions, registry);
    }

    public String scrape() {
        refreshers.forEach(Runnable::run);
        return registry.scrape();
    }
}
