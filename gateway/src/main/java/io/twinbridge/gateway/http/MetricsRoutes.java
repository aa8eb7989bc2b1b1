package io.twinbridge.gateway.http;

import io.twinbridge.gateway.metrics.GatewayMetrics;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /metrics}: the gateway's meters in the Prometheus text format. */
public final class MetricsRoutes {
    private final GatewayMetrics metrics;

    public MetricsRoutes(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    public void mount(Router router) {
        router.get("/metrics").handler(this::scrape);
    }

    /** On the event loop: a scrape reads counters only and renders a few hundred lines. */
    private void scrape(RoutingContext ctx) {
        ctx.response().setStatusCode(200)
                .putHeader("content-type", GatewayMetrics.CONTENT_TYPE)
                .putHeader("cache-control", "no-store")
                .end(metrics.scrape());
    }
}
