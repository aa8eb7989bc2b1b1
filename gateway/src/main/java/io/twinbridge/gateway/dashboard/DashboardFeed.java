package io.twinbridge.gateway.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.ditto.TwinEventListener;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;

/**
 * One signed-in person's view: keeps their twin store up to date from Ditto's twin events and fans changes out to
 * their browser tabs.
 *
 * <p>Its Ditto session is logged in as that person and subscribes to the tenants' namespaces, so Ditto sends it only
 * the events of things the person may read (Ditto 3.9's {@code StreamingSessionActor.isSessionAllowedToReceiveSignal}
 * passes an event to a WebSocket session only if the session's subjects are among the event's read-granted ones). It starts with the things Ditto's search
 * finds for the person in those namespaces (search also filters by READ). Tenant names and counters go out only for
 * the tenants of twins the person was given. Merge events carry only the patch, so a thing seen
 * for the first time is read whole from Ditto ({@code retrieveThingState}, with its revision); events that arrive
 * meanwhile wait and are applied on top if they are newer. After a reconnect every known thing is read again.
 * Everything runs on one Vert.x context: the WebSocket thread only hands events over.
 *
 * <p>It follows the tenants at run time ({@link #tenantsChanged}): the session's subscription is replaced with the new
 * namespaces, and the twins of a removed tenant leave the store and the browsers ({@code tenants} event).
 */
public final class DashboardFeed {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);
    /** Reads of new things at once: a burst of new twins must not flood Ditto. */
    static final int MAX_CONCURRENT_READS = 16;
    /** Events kept per thing while its first read is in flight. */
    static final int MAX_WAITING_EVENTS = 64;
    /** Tabs of one person at once; more get 503. */
    static final int MAX_CLIENTS = 32;
    /** Thing ids per page of the start-up search (Ditto's largest page). */
    static final int SEARCH_PAGE = 200;
    static final long FLUSH_MILLIS = 250;
    static final long STATS_MILLIS = 1000;
    /** Things remembered as not shown (no known kind, or the store was full), so their events cost no reads. */
    static final int MAX_IGNORED = 100_000;

    private final DittoPort ditto;
    /** Who signed in, shown on the page. */
    private final String user;
    private List<String> namespaces;
    private Map<String, String> tenantsByNamespace;
    /** The namespaces Ditto was last asked for; subscriptions run one after the other. */
    private List<String> subscribedNamespaces = List.of();
    private CompletableFuture<Void> subscriptions = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> connected;
    private final TwinEventListener listener = new TwinEventListener() {
        @Override
        public void onEvent(TwinEvent event) {
            context.runOnContext(v -> handle(event));
        }

        @Override
        public void onReconnected() {
            context.runOnContext(v -> rereadAll());
        }
    };
    private final TwinStore store;
    private final KindProfiles profiles;
    private final StatsTicker stats;
    private final Vertx vertx;
    private final Context context;
    private final Map<String, Deque<TwinEvent>> reading = new HashMap<>();
    private final Set<String> ignored = new HashSet<>();
    private final Set<String> rereadAfter = new HashSet<>();
    private final Set<SseClient> clients = new LinkedHashSet<>();
    /** Things waiting for a read because {@link #MAX_CONCURRENT_READS} were in flight. */
    private final Set<String> backlog = new LinkedHashSet<>();
    private final int maxTwins;
    /** The tenants the browsers were last told about: those of the twins this person was given. */
    private List<String> shownTenants = List.of();
    private Runnable onIdle = () -> { };
    private io.vertx.core.json.JsonObject lastStats = new io.vertx.core.json.JsonObject();
    private long flushTimer = -1;
    private long statsTimer = -1;

    /**
     * @param user               who signed in (their Ditto user name), shown on the page
     * @param ditto              a session logged in as that person
     * @param tenantsByNamespace the tenant of each subscribed namespace, for things without a tenant attribute
     * @param maxTwins           the most twins kept and shown
     */
    public DashboardFeed(Vertx vertx, String user, DittoPort ditto, Map<String, String> tenantsByNamespace,
                         KindProfiles profiles, StatsSource stats, int maxTwins) {
        this.user = user;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.ditto = ditto;
        this.tenantsByNamespace = Map.copyOf(tenantsByNamespace);
        this.namespaces = sorted(tenantsByNamespace.keySet());
        this.profiles = profiles;
        this.store = new TwinStore(profiles, maxTwins);
        this.maxTwins = maxTwins;
        this.stats = new StatsTicker(stats);
    }

    /** Runs on the feed's thread when the last browser tab of this feed went away. */
    void onIdle(Runnable onIdle) {
        this.onIdle = onIdle;
    }

    /** Browser tabs attached right now. */
    int clients() {
        return clients.size();
    }

    /** Connects, subscribes and starts the timers; completes when Ditto confirmed the subscription. */
    public CompletionStage<Void> start() {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        context.runOnContext(v -> {
            flushTimer = vertx.setPeriodic(FLUSH_MILLIS, id -> flush());
            statsTimer = vertx.setPeriodic(STATS_MILLIS, id -> tickStats());
            if (namespaces.isEmpty()) {
                LOG.info("Dashboard: no tenant namespaces to watch yet");
            }
            subscribe().whenComplete((ok, failure) -> {
                complete(subscribed, failure);
                if (failure == null) {
                    context.runOnContext(x -> loadVisible(namespaces));
                }
            });
        });
        return subscribed;
    }

    /**
     * Follows a change of the tenants: subscribes to the new namespaces and drops the twins of namespaces no longer
     * watched. Completes when Ditto confirmed the new subscription (at once if the namespaces did not change).
     *
     * @param tenantsByNamespace the tenant of each namespace to watch from now on
     * @param removed            the tenants no longer served, whose twins leave the page
     */
    public CompletionStage<Void> tenantsChanged(Map<String, String> tenantsByNamespace, Set<String> removed) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Map<String, String> next = Map.copyOf(tenantsByNamespace);
        Set<String> removedTenants = new java.util.TreeSet<>(removed);
        context.runOnContext(v -> {
            List<String> added = sorted(next.keySet().stream()
                    .filter(namespace -> !this.tenantsByNamespace.containsKey(namespace)).toList());
            this.tenantsByNamespace = next;
            this.namespaces = sorted(next.keySet());
            dropUnwatched(removedTenants);
            // a thing skipped before may belong to a tenant added now: let its next event read it
            ignored.clear();
            tenantsShownChanged();
            LOG.info("Dashboard follows the tenants: namespaces {}", namespaces);
            subscribe().whenComplete((ok, failure) -> {
                complete(done, failure);
                if (failure == null) {
                    // the added namespaces' twins that exist already, not only those that change from now on
                    context.runOnContext(x -> loadVisible(added));
                }
            });
        });
        return done;
    }

    /**
     * Asks Ditto for the current namespaces once the previous request is answered. With none left the last
     * subscription stays, and {@link #handle} drops its events.
     */
    private CompletionStage<Void> subscribe() {
        List<String> wanted = namespaces;
        if (wanted.isEmpty() || wanted.equals(subscribedNamespaces)) {
            return subscriptions.handle((ok, failure) -> null);
        }
        subscribedNamespaces = wanted;
        if (connected == null) {
            // connect() fails after the connect timeout but the session keeps trying; the subscription it holds is
            // sent on the socket that eventually opens
            connected = ditto.connect().toCompletableFuture().handle((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("Dashboard session not connected yet ({}); it keeps retrying", failure.toString());
                }
                return null;
            });
        }
        CompletableFuture<Void> ready = connected;
        subscriptions = subscriptions.handle((ok, failure) -> null)
                .thenCompose(ignored -> ready)
                .thenCompose(ignored -> ditto.subscribeTwinEvents(wanted, listener))
                .thenRun(() -> LOG.info("Dashboard watching namespaces {}", wanted))
                .toCompletableFuture();
        return subscriptions;
    }

    /** Removes twins whose namespace is no longer watched, or whose tenant is gone, and tells the browsers. */
    private void dropUnwatched(Set<String> removedTenants) {
        List<String> gone = new ArrayList<>();
        store.all().forEach(t -> {
            if (!tenantsByNamespace.containsKey(namespaceOf(t.thingId())) || removedTenants.contains(t.tenant())) {
                gone.add(t.thingId());
            }
        });
        gone.forEach(thingId -> {
            store.remove(thingId);
            clients.forEach(c -> c.offerTwin(thingId, new io.vertx.core.json.JsonObject().put("id", thingId)
                    .put("deleted", true)));
        });
        reading.keySet().removeIf(thingId -> !tenantsByNamespace.containsKey(namespaceOf(thingId)));
        rereadAfter.removeIf(thingId -> !tenantsByNamespace.containsKey(namespaceOf(thingId)));
        backlog.removeIf(thingId -> !tenantsByNamespace.containsKey(namespaceOf(thingId)));
    }

    /**
     * Tells the browsers when the tenants of the twins held changed: a tenant appears with its first twin the
     * person may read, never before, so that no other tenant's name reaches them.
     */
    private void tenantsShownChanged() {
        List<String> now = store.tenants();
        if (now.equals(shownTenants)) {
            return;
        }
        List<String> removed = new ArrayList<>(shownTenants);
        removed.removeAll(now);
        shownTenants = now;
        io.vertx.core.json.JsonObject tenants = new io.vertx.core.json.JsonObject()
                .put("tenants", new JsonArray(now)).put("removed", new JsonArray(removed));
        clients.forEach(c -> c.offerTenants(tenants));
    }

    /**
     * Reads the things Ditto's search finds for this person in the watched namespaces (up to the store's cap), so
     * that twins which do not change show up too, not only those with events.
     */
    private void loadVisible(List<String> watched) {
        watched.forEach(namespace -> searchPage(namespace, Optional.empty(), 0));
    }

    private void searchPage(String namespace, Optional<String> cursor, int found) {
        if (found >= maxTwins || !tenantsByNamespace.containsKey(namespace)) {
            return;
        }
        ditto.searchThings(namespace, cursor, SEARCH_PAGE).whenComplete((page, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                LOG.warn("Dashboard search of namespace {} failed: {}; its twins appear with their next event",
                        namespace, failure.toString());
                return;
            }
            page.thingIds().forEach(id -> {
                if (store.get(id.toString()).isEmpty() && !ignored.contains(id.toString())) {
                    read(id.toString());
                }
            });
            if (page.cursor().isPresent()) {
                searchPage(namespace, page.cursor(), found + page.thingIds().size());
            }
        }));
    }

    private static List<String> sorted(java.util.Collection<String> values) {
        return List.copyOf(new java.util.TreeSet<>(values));
    }

    private static String namespaceOf(String thingId) {
        int colon = thingId.indexOf(':');
        return colon < 0 ? "" : thingId.substring(0, colon);
    }

    private static void complete(CompletableFuture<Void> future, Throwable failure) {
        if (failure != null) {
            future.completeExceptionally(failure);
        } else {
            future.complete(null);
        }
    }

    public CompletionStage<Void> stop() {
        CompletableFuture<Void> timersStopped = new CompletableFuture<>();
        context.runOnContext(v -> {
            vertx.cancelTimer(flushTimer);
            vertx.cancelTimer(statsTimer);
            onIdle = () -> { };
            List.copyOf(clients).forEach(SseClient::close);
            clients.clear();
            timersStopped.complete(null);
        });
        return timersStopped.thenCompose(v -> ditto.close());
    }

    /**
     * Streams to {@code response}: a {@code snapshot} event (the kinds' profiles, every twin, the latest stats),
     * then {@code twins} and {@code stats} events. Answers 503 when too many browsers are connected.
     */
    public void attach(HttpServerResponse response) {
        context.runOnContext(v -> {
            if (clients.size() >= MAX_CLIENTS) {
                response.setStatusCode(503).putHeader("content-type", "text/plain; charset=utf-8")
                        .end("too many dashboard clients (" + MAX_CLIENTS + ")");
                return;
            }
            response.setChunked(true)
                    .putHeader("content-type", "text/event-stream; charset=utf-8")
                    .putHeader("cache-control", "no-store")
                    .putHeader("x-accel-buffering", "no");
            SseClient client = new SseClient(response);
            clients.add(client);
            response.closeHandler(closed -> context.runOnContext(c -> detach(client)));
            if (response.closed()) {
                // gone before its handler was set (e.g. while its sign-in was checked): it would never detach
                detach(client);
                return;
            }
            shownTenants = store.tenants();
            client.send("snapshot", new io.vertx.core.json.JsonObject()
                    .put("user", user)
                    .put("kinds", profiles.toJson())
                    .put("tenants", new JsonArray(shownTenants))
                    .put("historyMillis", TwinStore.HISTORY_POINTS * TwinStore.SAMPLE_MILLIS)
                    .put("twins", store.toJson())
                    .put("stats", lastStats));
        });
    }

    private void detach(SseClient client) {
        if (clients.remove(client) && clients.isEmpty()) {
            onIdle.run();
        }
    }

    private void handle(TwinEvent event) {
        String thingId = event.thingId();
        if (!tenantsByNamespace.containsKey(namespaceOf(thingId))) {
            // from a namespace dropped a moment ago, before Ditto took the new subscription
            return;
        }
        if (ignored.contains(thingId) && !event.action().equals("created")) {
            return;
        }
        Deque<TwinEvent> waiting = reading.get(thingId);
        if (waiting != null) {
            if (waiting.size() < MAX_WAITING_EVENTS) {
                waiting.addLast(event);
            } else {
                // too many to keep: drop them and read the thing again once this read is done
                waiting.clear();
                rereadAfter.add(thingId);
            }
            return;
        }
        Optional<TwinState> known = store.get(thingId);
        if (known.isEmpty()) {
            if (!event.action().equals("deleted")) {
                read(thingId);
            }
            return;
        }
        apply(known.get(), event);
    }

    private void apply(TwinState twin, TwinEvent event) {
        switch (twin.apply(event, System.currentTimeMillis())) {
            case CHANGED -> publish(twin);
            case NEEDS_REREAD -> read(twin.thingId());
            case DELETED -> {
                store.remove(twin.thingId());
                clients.forEach(c -> c.offerTwin(twin.thingId(), new io.vertx.core.json.JsonObject()
                        .put("id", twin.thingId()).put("deleted", true)));
                tenantsShownChanged();
            }
            case UNCHANGED -> { }
        }
    }

    private void read(String thingId) {
        if (reading.containsKey(thingId)) {
            return;
        }
        if (reading.size() >= MAX_CONCURRENT_READS) {
            // read once a read in flight is done; past the store's cap the thing's next event tries again
            if (backlog.size() < maxTwins) {
                backlog.add(thingId);
            }
            return;
        }
        reading.put(thingId, new ArrayDeque<>());
        ditto.retrieveThingState(ThingId.of(thingId)).whenComplete((thing, failure) ->
                context.runOnContext(v -> read(thingId, thing, failure)));
    }

    private void read(String thingId, Optional<JsonObject> thing, Throwable failure) {
        Deque<TwinEvent> waiting = reading.remove(thingId);
        readBacklog();
        if (rereadAfter.remove(thingId)) {
            read(thingId);
            return;
        }
        if (failure != null) {
            LOG.warn("Dashboard could not read {} from Ditto: {}; its next event tries again", thingId,
                    failure.toString());
            return;
        }
        if (thing.isEmpty()) {
            // gone, or no longer readable for this person (Ditto answers 404 for both)
            if (store.get(thingId).isPresent()) {
                store.remove(thingId);
                clients.forEach(c -> c.offerTwin(thingId, new io.vertx.core.json.JsonObject().put("id", thingId)
                        .put("deleted", true)));
                tenantsShownChanged();
            }
            return;
        }
        String namespace = namespaceOf(thingId);
        if (!tenantsByNamespace.containsKey(namespace)) {
            return;
        }
        Optional<TwinState> twin = store.put(thingId, tenantsByNamespace.getOrDefault(namespace, namespace),
                thing.get(), System.currentTimeMillis());
        if (twin.isEmpty()) {
            // no kind the dashboard shows, or the store is full: don't read it again on each event
            if (ignored.size() < MAX_IGNORED) {
                ignored.add(thingId);
            }
            return;
        }
        publish(twin.get());
        tenantsShownChanged();
        if (waiting != null) {
            new ArrayList<>(waiting).forEach(event -> apply(twin.get(), event));
        }
    }

    private void readBacklog() {
        java.util.Iterator<String> next = backlog.iterator();
        while (next.hasNext() && reading.size() < MAX_CONCURRENT_READS) {
            String thingId = next.next();
            next.remove();
            read(thingId);
        }
    }

    private void rereadAll() {
        List<String> known = new ArrayList<>();
        store.all().forEach(t -> known.add(t.thingId()));
        LOG.info("Dashboard session reconnected; reading {} twin(s) again", known.size());
        ignored.clear();
        // reads beyond the concurrency limit are skipped; those twins catch up on their next event
        known.forEach(this::read);
    }

    private void publish(TwinState twin) {
        if (clients.isEmpty()) {
            return;
        }
        io.vertx.core.json.JsonObject json = twin.toJson(false);
        clients.forEach(c -> c.offerTwin(twin.thingId(), json));
    }

    private void flush() {
        clients.forEach(SseClient::flush);
    }

    private void tickStats() {
        try {
            lastStats = stats.tick(System.currentTimeMillis(), store.size(), store.refused(),
                    java.util.Set.copyOf(store.tenants()));
        } catch (RuntimeException e) {
            LOG.warn("Dashboard stats failed: {}", e.toString());
            return;
        }
        clients.forEach(c -> c.offerStats(lastStats));
    }

    /** Twins held right now, for tests. */
    int twins() {
        return store.size();
    }
}
