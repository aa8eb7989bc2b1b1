package io.twinbridge.gateway.http;

import io.twinbridge.gateway.health.DependencyStatus;
import io.twinbridge.gateway.health.ReadinessMonitor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health}: 200 while the process serves HTTP. {@code GET /ready}: 200 once Kafka and Ditto answer,
 * 503 otherwise, with each dependency's state in the body.
 */
public final class HealthRoutes {
    private final ReadinessMonitor readiness;

    public HealthRoutes(ReadinessMonitor readiness) {
        this.readiness = readiness;
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/ready").handler(this::ready);
    }

    private void health(RoutingContext ctx) {
        json(ctx, 200, new JsonObject().put("status", "UP"));
    }

    private void ready(RoutingContext ctx) {
        JsonObject checks = new JsonObject();
        readiness.statuses().forEach((name, status) -> checks.put(name, render(status)));
        boolean ready = readiness.isReady();
        json(ctx, ready ? 200 : 503, new JsonObject().put("status", ready ? "UP" : "DOWN").put("checks", checks));
    }

    private static JsonObject render(DependencyStatus status) {
        JsonObject json = new JsonObject().put("state", status.state().name()).put("since", status.since().toString());
        if (!status.detail().isEmpty()) {
            json.put("detail", status.detail());
        }
        return json;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(body.encode());
    }
}
