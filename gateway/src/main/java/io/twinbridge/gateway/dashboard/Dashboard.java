package io.twinbridge.gateway.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinbridge.gateway.config.DittoConfig;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.TenantChange;
import io.twinbridge.gateway.tenant.TenantDirectory;
import io.twinbridge.gateway.tenant.TenantListener;
import io.twinbridge.gateway.tenant.TenantSettings;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The live dashboard: every signed-in person gets a feed of their own, read from Ditto with their own credentials
 * ({@link DashboardUsers}), so that Ditto, not the gateway, decides which twins they see. Nothing is shown without
 * credentials Ditto accepts.
 */
public final class Dashboard implements TenantListener {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    /** The most twins one person's page shows; the rest are counted as refused. */
    public static final int MAX_TWINS = 2000;
    /** How often the lag probe asks Kafka, and how long it waits. */
    public static final Duration LAG_INTERVAL = Duration.ofSeconds(2);

    private final DashboardUsers users;
    private final DittoSignIn signIn;
    private final TenantDirectory tenants;
    private volatile Map<String, String> tenantsByNamespace;

    private Dashboard(Vertx vertx, DittoPortFactory sessions, DittoConfig ditto, TenantDirectory tenants,
                      ModelRegistry models, StatsSource stats, int maxUsers) {
        this.tenants = tenants;
        this.tenantsByNamespace = tenantsByNamespace(tenants);
        this.signIn = new DittoSignIn(ditto.httpEndpoint(), ditto.connectTimeout(), ditto.requestTimeout());
        KindProfiles profiles = KindProfiles.standard(models);
        Context context = vertx.getOrCreateContext();
        this.users = new DashboardUsers(context, maxUsers, credentials -> {
            DashboardFeed feed = new DashboardFeed(vertx, credentials.user(), session(sessions, credentials),
                    tenantsByNamespace,
                    profiles, stats, MAX_TWINS);
            feed.start().whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("Dashboard session of {} not subscribed yet ({}); it keeps retrying", credentials.user(),
                            failure.toString());
                }
            });
            return feed;
        });
    }

    /**
     * A dashboard over the tenants of {@code tenants}; register it with the directory ({@link TenantDirectory#listen}). Mount it with
     * {@link #mount}; feeds open as people sign in.
     *
     * @param sessions opens the signed-in people's Ditto sessions, with their credentials
     * @param ditto    where the people's credentials are checked ({@code ditto.http-endpoint}) and the timeouts
     * @param maxUsers the most people signed in at once ({@code dashboard.max-users})
     */
    public static Dashboard create(Vertx vertx, DittoPortFactory sessions, DittoConfig ditto, TenantDirectory tenants,
                                   ModelRegistry models, StatsSource stats, int maxUsers) {
        return new Dashboard(vertx, sessions, ditto, tenants, models, stats, maxUsers);
    }

    /** The person's own session: their user and password, or their bearer token. */
    private static DittoPort session(DittoPortFactory sessions, DashboardCredentials credentials) {
        String name = "dashboard-" + credentials.user();
        return credentials.bearerToken().map(token -> sessions.openWithBearerToken(name, token))
                .orElseGet(() -> sessions.withCredentials(credentials.user(), credentials.password().orElseThrow())
                        .open(name));
    }

    /** Follows the tenant directory after the admin API changed it, in every open feed. */
    @Override
    public CompletionStage<Void> tenantsChanged(TenantChange change) {
        Map<String, String> next = tenantsByNamespace(tenants);
        tenantsByNamespace = next;
        Set<String> removed = new TreeSet<>();
        change.removedIds().forEach(id -> removed.add(id.value()));
        return users.forEach(feed -> feed.tenantsChanged(next, removed));
    }

    private static Map<String, String> tenantsByNamespace(TenantDirectory tenants) {
        Map<String, String> byNamespace = new LinkedHashMap<>();
        for (TenantSettings tenant : tenants.all()) {
            tenant.namespaces().forEach(namespace -> byNamespace.put(namespace, tenant.id().value()));
        }
        return byNamespace;
    }

    public void mount(Router router) {
        new DashboardRoutes(users, signIn).mount(router);
    }

    /** People signed in right now, each with one Ditto session. */
    public int signedIn() {
        return users.open();
    }

    /** Nothing to start: feeds open as people sign in. */
    public CompletionStage<Void> start() {
        return CompletableFuture.completedFuture(null);
    }

    public CompletionStage<Void> stop() {
        return users.stop();
    }
}
