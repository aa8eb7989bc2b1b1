package io.twinbridge.sandbox.ditto;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;

import io.twinbridge.sandbox.ditto.acks.AckRegistry;
import io.twinbridge.sandbox.ditto.acks.DeclaredAcks;
import io.twinbridge.sandbox.ditto.auth.Authenticator;
import io.twinbridge.sandbox.ditto.events.EventHub;
import io.twinbridge.sandbox.ditto.http.HttpApi;
import io.twinbridge.sandbox.ditto.http.SearchLag;
import io.twinbridge.sandbox.ditto.twin.PolicyService;
import io.twinbridge.sandbox.ditto.twin.ThingService;
import io.twinbridge.sandbox.ditto.ws.CommandLoops;
import io.twinbridge.sandbox.ditto.ws.WsSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * An in-memory, Ditto-compatible twin service: Ditto Protocol on {@code /ws/2} and HTTP API v2 on {@code /api/2}.
 */
public final class DittoSandbox implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;
    /** Vert.x's default number of event loops (twice the cores): commands use them all. */
    private static final int COMMAND_LOOPS = 2 * Runtime.getRuntime().availableProcessors();

    private final Vertx vertx;
    private final HttpServer server;
    private final SandboxOptions options;
    private final SandboxStore store;
    private final Set<WsSession> sessions;
    private final SandboxFaults faults;

    private DittoSandbox(final Vertx vertx, final HttpServer server, final SandboxOptions options,
            final SandboxStore store, final Set<WsSession> sessions, final SandboxFaults faults) {
        this.faults = faults;
        this.vertx = vertx;
        this.server = server;
        this.options = options;
        this.store = store;
        this.sessions = sessions;
    }

    /** Starts with a fresh store; blocks until listening. @throws IllegalStateException if it cannot bind */
    public static DittoSandbox start(final SandboxOptions o) {
        return start(o, SandboxStore.inMemory());
    }

    /** Starts on an existing store, e.g. to restart after a simulated outage without losing state. */
    public static DittoSandbox start(final SandboxOptions o, final SandboxStore s) {
        final Vertx vertx = Vertx.vertx();
        final AckRegistry acks = new AckRegistry();
        final EventHub hub = new EventHub(acks);
        final SearchLag searchLag = new SearchLag(o.searchLag(), Clock.systemUTC());
        final ThingService things = new ThingService(s, change -> {
            searchLag.onChange(change);
            hub.onChange(change);
        }, Clock.systemUTC());
        final PolicyService policies = new PolicyService(s, Clock.systemUTC());
        final Authenticator authenticator = new Authenticator(o.users(), o.preAuthenticated());
        final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();
        final SandboxFaults faults = new SandboxFaults();
        final CommandLoops loops = CommandLoops.on(vertx, COMMAND_LOOPS);
        final Router router = Router.router(vertx);
        router.route("/ws/2").handler(ctx -> upgrade(ctx, authenticator, things, policies, hub, acks,
                sessions, faults, loops));
        new HttpApi(authenticator, things, policies, hub, searchLag, acks).mount(vertx, router);
        final HttpServer server = vertx.createHttpServer().requestHandler(router);
        try {
            await(server.listen(o.port(), o.host()));
        } catch (final RuntimeException bindFailure) {
            await(vertx.close());
            throw new IllegalStateException("Ditto sandbox could not listen on " + o.host() + ":" + o.port(),
                    bindFailure);
        }
        return new DittoSandbox(vertx, server, o, s, sessions, faults);
    }

    private static void upgrade(final RoutingContext ctx, final Authenticator authenticator,
            final ThingService things, final PolicyService policies, final EventHub hub, final AckRegistry acks,
            final Set<WsSession> sessions, final SandboxFaults faults, final CommandLoops loops) {
        final Optional<AuthorizationContext> subject = authenticator.authenticate(ctx.request().headers());
        if (subject.isEmpty()) {
            ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", Authenticator.REALM_CHALLENGE).end();
            return;
        }
        final Set<String> declared;
        try {
            declared = DeclaredAcks.of(ctx.request());
        } catch (final DittoRuntimeException invalid) {
            ctx.response().setStatusCode(invalid.getHttpStatus().getCode()).putHeader("Content-Type",
                    "application/json").end(invalid.toJson().toString());
            return;
        }
        ctx.request().toWebSocket().onSuccess(socket -> {
            final WsSession session = new WsSession(socket, subject.get(), things, policies, hub, acks, declared,
                    faults, loops);
            sessions.add(session);
            session.start(() -> sessions.remove(session));
        }).onFailure(ctx::fail);
    }

    public int port() {
        return server.actualPort();
    }

    public String httpUrl() {
        return "http://" + options.host() + ":" + port();
    }

    public String wsUrl() {
        return "ws://" + options.host() + ":" + port() + "/ws/2";
    }

    public SandboxStore store() {
        return store;
    }

    /** The faults this sandbox can be told to show, e.g. slow answers. */
    public SandboxFaults faults() {
        return faults;
    }

    /** Closes all WebSocket sessions and the server, and frees the port; blocks until done. */
    @Override
    public void close() {
        for (final WsSession session : sessions) {
            awaitQuietly(session.close());
        }
        awaitQuietly(server.close());
        await(vertx.close());
    }

    private static void awaitQuietly(final Future<?> future) {
        try {
            await(future);
        } catch (final RuntimeException alreadyClosed) {
            // closing what the peer already closed fails harmlessly; the server shutdown below still runs
            org.slf4j.LoggerFactory.getLogger(DittoSandbox.class).debug("close step failed", alreadyClosed);
        }
    }

    private static <T> T await(final Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
        }
    }
}
