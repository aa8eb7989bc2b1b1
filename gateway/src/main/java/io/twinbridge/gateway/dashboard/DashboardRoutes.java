package io.twinbridge.gateway.dashboard;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code GET /} and {@code GET /dashboard/}: the page, after sign-in; {@code GET /dashboard/events}: the signed-in
 * person's live feed as server-sent events; {@code /dashboard/*.js|css}: the page's script and style sheet (no data,
 * classpath {@code dashboard/}).
 *
 * <p>Sign-in is HTTP authentication with the person's Ditto credentials: basic auth (the browser asks, or the
 * reverse proxy passes its user's header on) or a bearer token (an OAuth proxy in front). Ditto checks them
 * ({@link DittoSignIn}); a refusal is 401 with no data.
 */
final class DashboardRoutes {
    /** The browser's sign-in prompt names what to type. */
    static final String CHALLENGE = "Basic realm=\"TwinBridge dashboard: your Ditto user\", charset=\"UTF-8\"";

    private final DashboardUsers users;
    private final DittoSignIn signIn;

    DashboardRoutes(DashboardUsers users, DittoSignIn signIn) {
        this.users = users;
        this.signIn = signIn;
    }

    void mount(Router router) {
        router.get("/dashboard/events").handler(ctx -> signedIn(ctx, credentials ->
                users.attach(credentials, ctx.response())));
        router.get("/").handler(this::page);
        router.get("/dashboard").handler(this::page);
        router.get("/dashboard/").handler(this::page);
        router.get("/dashboard/index.html").handler(this::page);
        StaticHandler assets = StaticHandler.create("dashboard").setCachingEnabled(false)
                .setDirectoryListing(false);
        router.get("/dashboard/*").handler(assets);
    }

    private void page(RoutingContext ctx) {
        signedIn(ctx, credentials -> ctx.response().putHeader("cache-control", "no-store")
                .putHeader("content-type", "text/html; charset=utf-8").sendFile("dashboard/index.html"));
    }

    /** Runs {@code then} once Ditto accepted the request's credentials; answers 401 or 503 otherwise. */
    private void signedIn(RoutingContext ctx, java.util.function.Consumer<DashboardCredentials> then) {
        var credentials = DashboardCredentials.parse(ctx.request().getHeader("Authorization"));
        if (credentials.isEmpty()) {
            refuse(ctx, "Sign in with your Ditto user and password.");
            return;
        }
        signIn.check(credentials.get()).whenComplete((verdict, failure) -> ctx.vertx().runOnContext(v -> {
            if (verdict == DittoSignIn.Verdict.ACCEPTED) {
                then.accept(credentials.get());
            } else if (verdict == DittoSignIn.Verdict.REFUSED) {
                refuse(ctx, "Ditto did not accept these credentials.");
            } else {
                ctx.response().setStatusCode(503).putHeader("content-type", "text/plain; charset=utf-8")
                        .putHeader("retry-after", "10").end("Ditto cannot check your sign-in right now; try again.");
            }
        }));
    }

    private static void refuse(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", CHALLENGE)
                .putHeader("content-type", "text/plain; charset=utf-8").end(message);
    }
}
