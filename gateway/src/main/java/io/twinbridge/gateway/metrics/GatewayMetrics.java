package io.twinbridge.gateway.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gateway's Prometheus registry. The flows count into it themselves (one counter per event, by tenant and
 * outcome); {@link #scrape()} first runs the refreshers (the consumer's per-partition gauges), then renders the text
 * format.
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

    /** Runs {@code refresh} before each scrape, e.g. to bring per-partition gauges up to the assignment. */
    public void beforeScrape(Runnable refresh) {
        refreshers.add(refresh);
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
