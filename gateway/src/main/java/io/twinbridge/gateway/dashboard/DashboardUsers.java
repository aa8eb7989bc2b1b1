package io.twinbridge.gateway.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/**
 * The people signed in to this instance's dashboard: one {@link DashboardFeed}, with one Ditto session logged in as
 * the person, per set of credentials, shared by all their tabs and closed when the last tab goes. At most
 * {@code maxUsers} at once; one more is answered 503 with a message the page shows. Confined to one Vert.x context.
 */
final class DashboardUsers {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardUsers.class);

    private final Context context;
    private final int maxUsers;
    private final Function<DashboardCredentials, DashboardFeed> openFeed;
    private final Map<String, DashboardFeed> feeds = new HashMap<>();
    private final List<CompletableFuture<Void>> stopping = new ArrayList<>();
    private volatile int open;
    private boolean stopped;

    /** @param openFeed a started feed whose Ditto session is logged in with the credentials */
    DashboardUsers(Context context, int maxUsers, Function<DashboardCredentials, DashboardFeed> openFeed) {
        this.context = context;
        this.maxUsers = maxUsers;
        this.openFeed = openFeed;
    }

    /** The message a person gets past the bound. */
    String fullMessage() {
        return "The dashboard of this gateway instance serves at most " + maxUsers + " signed-in people at once, and "
                + "that many are signed in now. Please try again later, or ask your operator to raise "
                + "dashboard.max-users.";
    }

    /** Streams the person's view to {@code response}, opening their feed if none is open; 503 past the bound. */
    void attach(DashboardCredentials credentials, HttpServerResponse response) {
        context.runOnContext(v -> {
            if (response.closed()) {
                // the tab left while its sign-in was checked: no session for nobody
                return;
            }
            DashboardFeed feed = feeds.get(credentials.key());
            if (feed == null) {
                if (stopped || feeds.size() >= maxUsers) {
                    LOG.warn("Dashboard refused {}: {} people signed in, the most dashboard.max-users allows",
                            credentials.user(), feeds.size());
                    response.setStatusCode(503).putHeader("content-type", "text/plain; charset=utf-8")
                            .putHeader("retry-after", "30").end(fullMessage());
                    return;
                }
                feed = openFeed.apply(credentials);
                DashboardFeed opened = feed;
                feeds.put(credentials.key(), opened);
                open = feeds.size();
                opened.onIdle(() -> close(credentials, opened));
                LOG.info("Dashboard: {} signed in ({} of at most {})", credentials.user(), feeds.size(), maxUsers);
            }
            feed.attach(response);
        });
    }

    private void close(DashboardCredentials credentials, DashboardFeed feed) {
        context.runOnContext(v -> {
            // a tab that came back meanwhile keeps the feed
            if (feed.clients() > 0 || feeds.get(credentials.key()) != feed) {
                return;
            }
            feeds.remove(credentials.key());
            open = feeds.size();
            LOG.info("Dashboard: {} left; closing their Ditto session", credentials.user());
            stopping.removeIf(CompletableFuture::isDone);
            stopping.add(feed.stop().toCompletableFuture().exceptionally(failure -> {
                LOG.warn("Closing the dashboard session of {} failed: {}", credentials.user(), failure.toString());
                return null;
            }));
        });
    }

    /** Every open feed, on the context: to follow tenant changes. */
    CompletionStage<Void> forEach(Function<DashboardFeed, CompletionStage<Void>> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> CompletableFuture.allOf(feeds.values().stream()
                        .map(feed -> action.apply(feed).toCompletableFuture()).toArray(CompletableFuture[]::new))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else {
                        done.complete(null);
                    }
                }));
        return done;
    }

    /** People signed in right now (open feeds, each with one Ditto session). */
    int open() {
        return open;
    }

    /** Closes every feed and refuses new ones. */
    CompletionStage<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            stopped = true;
            List<CompletableFuture<Void>> all = new ArrayList<>();
            feeds.values().forEach(feed -> all.add(feed.stop().toCompletableFuture()));
            all.addAll(stopping);
            feeds.clear();
            open = 0;
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .whenComplete((ok, failure) -> done.complete(null));
        });
        return done;
    }
}
