package io.twinbridge.gateway.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.twinbridge.gateway.config.DittoConfig;
import io.twinbridge.gateway.ditto.DittoClientAdapter;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.ThingPage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Where Ditto uses OAuth, a person signs in with a bearer token (set by an OAuth proxy in front of the gateway): the
 * gateway passes the same {@code Authorization: Bearer} on to Ditto for the sign-in check, the WebSocket session and
 * its searches (Ditto's gateway checks it: {@code JwtAuthenticationProvider}). Against a stand-in that records the
 * headers it gets and accepts one token; the Ditto sandbox knows basic auth only.
 */
@Tag("flow")
class DashboardBearerTokenTest {
    private static final String GOOD = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY21lLXZpZXdlciJ9.c2lnbmF0dXJl";
    private static Vertx vertx;
    private static HttpServer ditto;
    /** "path Authorization" of every request the stand-in got. */
    private static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        ditto = vertx.createHttpServer().requestHandler(request -> {
            String authorization = request.getHeader("Authorization");
            seen.add(request.path() + " " + authorization);
            boolean accepted = ("Bearer " + GOOD).equals(authorization);
            if (request.path().equals("/api/2/search/things") && accepted) {
                request.response().putHeader("content-type", "application/json")
                        .end("{\"items\": [{\"thingId\": \"acme:WTG-001\"}]}");
            } else {
                request.response().setStatusCode(401).end("{\"status\": 401, \"error\": \"gateway:authentication"
                        + ".failed\", \"message\": \"no\"}");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static DittoConfig config() {
        return new DittoConfig(URI.create("ws://127.0.0.1:" + ditto.actualPort() + "/ws/2"),
                URI.create("http://127.0.0.1:" + ditto.actualPort()), "ditto", "ditto", Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    @Test
    void aBearerTokenIsCheckedByDittoAsItCame() throws Exception {
        DashboardCredentials person = DashboardCredentials.parse("Bearer " + GOOD).orElseThrow();
        assertEquals(Optional.of(GOOD), person.bearerToken());
        assertTrue(person.user().startsWith("token-"), person.user());
        assertTrue(!person.toString().contains(GOOD), "the token is never printed");
        DittoSignIn signIn = new DittoSignIn(config().httpEndpoint(), Duration.ofSeconds(2), Duration.ofSeconds(5));

        assertEquals(DittoSignIn.Verdict.ACCEPTED, signIn.check(person).toCompletableFuture().get(10,
                TimeUnit.SECONDS));
        assertEquals(DittoSignIn.Verdict.REFUSED, signIn.check(DashboardCredentials.parse("Bearer other")
                .orElseThrow()).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(seen.contains("/api/2/search/things Bearer " + GOOD), seen.toString());
    }

    @Test
    void aBearerSessionSendsTheTokenOnItsWebSocketAndItsSearches() throws Exception {
        DittoPort session = DittoClientAdapter.withBearerToken(config(), "dashboard-token", GOOD);
        try {
            // the stand-in refuses the upgrade: what matters is what the session sent
            session.connect();
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("/ws/2 Bearer " + GOOD));
            assertTrue(seen.stream().filter(s -> s.startsWith("/ws/2 ")).allMatch(s -> s.equals("/ws/2 Bearer "
                    + GOOD)), "no basic auth on a bearer session: " + seen);

            ThingPage page = session.searchThings("acme", Optional.empty(), 1).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals("acme:WTG-001", page.thingIds().get(0).toString());
        } finally {
            session.close().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }
}
