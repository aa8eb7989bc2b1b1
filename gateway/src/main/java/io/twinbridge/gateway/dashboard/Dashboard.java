package io.twinbridge.gateway.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantChange;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantListener;
import io.twinbridge.gateway.tenant.TenantSettings;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The live dashboard: its feed with a Ditto session of its own, and its routes. */
public final class Dashboard implements TenantListener {
    /** The most twins the page shows; the rest are counted as refused. */
    public static final int MAX_TWINS = 2000;

    private final DashboardFeed feed;
    private final TenantDirectory tenants;

    private Dashboard(DashboardFeed feed, TenantDirectory tenants) {
        this.feed = feed;
        this.tenants = tenants;
    }

    /**
     * A dashboard over the tenants of {@code tenants}; register it with the directory ({@link TenantDirectory#listen}). Mount it with
     * {@link #mount}, then {@link #start} it.
     */
    public static Dashboard create(Vertx vertx, DittoPortFactory sessions, TenantDirectory tenants,
                                   ModelRegistry models, StatsSource stats) {
        return new Dashboard(new DashboardFeed(vertx, sessions.open("dashboard"), tenantsByNamespace(tenants),
                KindProfiles.standard(models), stats, MAX_TWINS), tenants);
    }

    /** Follows the tenant directory after the admin API changed it: new namespaces watched, removed ones dropped. */
    @Override
    public CompletionStage<Void> tenantsChanged(TenantChange change) {
        Set<String> removed = new TreeSet<>();
        change.removedIds().forEach(id -> removed.add(id.value()));
        return feed.tenantsChanged(tenantsByNamespace(tenants), removed);
    }

    private static Map<String, String> tenantsByNamespace(TenantDirectory tenants) {
        Map<String, String> byNamespace = new LinkedHashMap<>();
        for (TenantSettings tenant : tenants.all()) {
            tenant.namespaces().forEach(namespace -> byNamespace.put(namespace, tenant.id().value()));
        }
        return byNamespace;
    }

    public void mount(Router router) {
        new DashboardRoutes(feed).mount(router);
    }

    public CompletionStage<Void> start() {
        return feed.start();
    }

    public CompletionStage<Void> stop() {
        return feed.stop();
    }

    /** How often the lag probe asks Kafka, and how long it waits. */
    public static final Duration LAG_INTERVAL = Duration.ofSeconds(2);
}
