package io.twinbridge.gateway.dashboard;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code GET /}: the dashboard page; {@code /dashboard/*}: its script and style sheet (classpath
 * {@code dashboard/}); {@code GET /dashboard/events}: the live feed as server-sent events.
 */
public final class DashboardRoutes {
    private final DashboardFeed feed;

    public DashboardRoutes(DashboardFeed feed) {
        this.feed = feed;
    }

    public void mount(Router router) {
        router.get("/dashboard/events").handler(ctx -> feed.attach(ctx.response()));
        StaticHandler assets = StaticHandler.create("dashboard").setCachingEnabled(false)
                .setDirectoryListing(false).setIndexPage("index.html");
        router.get("/").handler(ctx -> ctx.reroute("/dashboard/index.html"));
        router.get("/dashboard/*").handler(assets);
    }
}
