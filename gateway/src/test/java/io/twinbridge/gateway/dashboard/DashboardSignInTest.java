package io.twinbridge.gateway.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.testkit.AdminClient;
import io.twinbridge.gateway.testkit.AdminClient.Answer;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.vertx.core.json.JsonObject;

/**
 * The dashboard reads as the signed-in person, through Ditto: each person sees only what Ditto's policies let them
 * read (the demo tenants' rendered policies, enforced by the Ditto sandbox as Ditto's {@code PolicyEnforcer} does),
 * wrong credentials get 401 and nothing else, one person's tabs share one Ditto session, and past
 * {@code dashboard.max-users} people get a message while no session leaks.
 */
@Tag("flow")
class DashboardSignInTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX_USERS = 2;
    private static final List<String> USERS = List.of("acme-viewer", "globex-viewer");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("dashsignin").sandbox(DashboardSignInTest::users);

    @TempDir
    static Path dir;
    private static Gateway gateway;
    /** Dashboard sessions the gateway opened and closed, through the factory the test hands it. */
    private static final AtomicInteger opened = new AtomicInteger();
    private static final AtomicInteger closed = new AtomicInteger();

    private static SandboxOptions users(SandboxOptions options) {
        SandboxOptions with = options;
        for (String user : USERS) {
            with = with.withUser(user, user);
        }
        return with;
    }

    @BeforeAll
    static void start() throws Exception {
        Path tenants = dir.resolve("tenants.json");
        Files.writeString(tenants, """
                {"tenants": [
                  {"id": "acme", "namespaces": ["acme"], "roles": {"viewer": ["nginx:acme-viewer"]}},
                  {"id": "globex", "namespaces": ["globex"], "roles": {"viewer": ["nginx:globex-viewer"]}}]}""",
                StandardCharsets.UTF_8);
        Map<String, String> env = STACK.env();
        env.put("TWINBRIDGE_INGEST_ENABLED", "false");
        env.put("TWINBRIDGE_EGRESS_ENABLED", "false");
        env.put("TWINBRIDGE_TENANTS_FILE", tenants.toString());
        env.remove("TWINBRIDGE_TENANTS");
        env.put("TWINBRIDGE_DASHBOARD_MAX_USERS", String.valueOf(MAX_USERS));
        GatewayConfig config = GatewayConfig.fromEnv(env);
        gateway = STACK.start(Gateway.start(config, counting(DittoPortFactory.webSocket(config.ditto())),
                name -> Optional.empty()));
        // the policies reach Ditto shortly after the start
        for (String thing : List.of("acme:WTG-001", "acme:RBT-001", "globex:WTG-001")) {
            String tenant = thing.substring(0, thing.indexOf(':'));
            String model = thing.contains("WTG") ? "turbine" : "robot";
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals(201, ditto("PUT",
                    "/api/2/things/" + thing, "{\"policyId\": \"" + tenant + ":tenant-policy\", \"attributes\": "
                            + "{\"model\": \"" + model + "\", \"tenant\": \"" + tenant + "\"}, \"features\": "
                            + "{\"generator\": {\"properties\": {\"power\": 100.5}}}}").status()));
        }
    }

    @Test
    void wrongOrMissingCredentialsGet401AndNoData() throws Exception {
        for (Optional<String> authorization : List.of(Optional.<String>empty(),
                Optional.of(basic("acme-viewer", "wrong")), Optional.of(basic("nobody", "nobody")),
                Optional.of("Bearer not-a-token-ditto-knows"))) {
            for (String path : List.of("/dashboard/events", "/", "/dashboard/")) {
                HttpResponse<String> answer = get(path, authorization);
                assertEquals(401, answer.statusCode(), path + " " + authorization);
                assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
                        path);
                assertFalse(answer.body().contains("acme") || answer.body().contains("globex")
                        || answer.body().contains("event:"), answer.body());
            }
        }
        // the page itself only after sign-in; its script and style sheet hold no data and need none
        assertEquals(200, get("/", Optional.of(basic("acme-viewer", "acme-viewer"))).statusCode());
        assertEquals(200, get("/dashboard/dashboard.js", Optional.empty()).statusCode());
    }

    @Test
    void aViewerStreamCarriesOnlyTheirTenantNotEvenAGlobexChangeMeanwhile() throws Exception {
        whileSignedIn("acme-viewer", acme -> {
            await().atMost(WAIT).until(() -> acme.text().contains("acme:WTG-001")
                    && acme.text().contains("acme:RBT-001"));
            // when: a globex twin changes, then an acme twin
            assertEquals(204, ditto("PUT", "/api/2/things/globex:WTG-001/features/generator/properties/power",
                    "777.25").status());
            assertEquals(204, ditto("PUT", "/api/2/things/acme:WTG-001/features/generator/properties/power",
                    "555.5").status());
            // then: the acme change arrives live, and with it a stats event
            await().atMost(WAIT).until(() -> acme.text().contains("555.5"));
            int statsSeen = acme.count("event: stats");
            await().atMost(WAIT).until(() -> acme.count("event: stats") > statsSeen + 1);
            // and nothing of globex was ever sent: no twin, no tenant name, no counter
            assertFalse(acme.text().contains("globex"), "globex in acme-viewer's stream");
            assertFalse(acme.text().contains("777.25"));
            assertEquals(List.of("acme"), List.copyOf(acme.lastStats().getJsonObject("tenants").fieldNames()));
        });
    }

    @Test
    void dittoWhoMayReadEverythingSeesBothTenants() throws Exception {
        whileSignedIn("ditto", all -> {
            await().atMost(WAIT).until(() -> all.text().contains("acme:WTG-001")
                    && all.text().contains("globex:WTG-001"));
            await().atMost(WAIT).until(() -> all.lastStats() != null && all.lastStats().getJsonObject("tenants")
                    .fieldNames().equals(Set.of("acme", "globex")));
        });
    }

    @Test
    void twoTabsOfOnePersonShareOneDittoSession() throws Exception {
        int before = opened.get();
        Feed first = Feed.open("acme-viewer");
        Feed second = Feed.open("acme-viewer");
        try {
            await().atMost(WAIT).until(() -> first.text().contains("acme:WTG-001")
                    && second.text().contains("acme:WTG-001"));
            assertEquals(before + 1, opened.get(), "Ditto sessions opened for two tabs");
            assertEquals(1.0, sessionsGauge());
            // one tab goes: the other keeps the session
            first.close();
            assertEquals(204, ditto("PUT", "/api/2/things/acme:WTG-001/features/generator/properties/power",
                    "321.5").status());
            await().atMost(WAIT).until(() -> second.text().contains("321.5"));
            assertEquals(1.0, sessionsGauge());
        } finally {
            first.close();
            second.close();
        }
        // the last tab goes: the session closes
        awaitNoDashboardSessions();
    }

    @Test
    void morePeopleThanTheBoundGetTheMessageAndNoSessionLeaks() throws Exception {
        awaitNoDashboardSessions();
        double before = sessionsGauge();
        List<Feed> feeds = new ArrayList<>();
        try {
            for (String user : USERS) {
                feeds.add(Feed.open(user));
            }
            await().atMost(WAIT).until(() -> sessionsGauge() == before + MAX_USERS);

            HttpResponse<String> refused = get("/dashboard/events", Optional.of(basic("ditto", "ditto")));
            assertEquals(503, refused.statusCode());
            assertTrue(refused.body().contains("at most " + MAX_USERS + " signed-in people"), refused.body());
            assertEquals(before + MAX_USERS, sessionsGauge());
            // a tab of someone already signed in still gets in
            Feed again = Feed.open("acme-viewer");
            feeds.add(again);
            await().atMost(WAIT).until(() -> again.text().contains("event: snapshot"));
        } finally {
            feeds.forEach(Feed::close);
        }
        await().atMost(WAIT).until(() -> sessionsGauge() == before);
        await().atMost(WAIT).until(() -> closed.get() == opened.get());
        // and once someone left, the next person gets in
        whileSignedIn("ditto", later -> await().atMost(WAIT)
                .until(() -> later.text().contains("event: snapshot")));
    }

    @Test
    void aTabThatLeavesWhileItsSignInIsCheckedLeavesNoSession() throws Exception {
        awaitNoDashboardSessions();
        int before = opened.get();
        for (int i = 0; i < 5; i++) {
            // the request, then gone at once: the gateway is still asking Ditto about the credentials
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.httpPort())) {
                socket.getOutputStream().write(("GET /dashboard/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: " + basic("acme-viewer", "acme-viewer") + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
        }
        await().atMost(WAIT).until(() -> sessionsGauge() == 0.0 && closed.get() == opened.get());
        assertTrue(opened.get() - before <= 5, "at most one session per request");
    }

    /** What a test checks on an open feed. */
    @FunctionalInterface
    private interface FeedChecks {
        void run(Feed feed) throws Exception;
    }

    /** Opens the user's feed, runs the checks on it, closes it whatever they did, awaits that no session is left. */
    private static void whileSignedIn(String user, FeedChecks checks) throws Exception {
        Feed feed = Feed.open(user);
        try {
            checks.run(feed);
        } finally {
            feed.close();
        }
        awaitNoDashboardSessions();
    }

    private static void awaitNoDashboardSessions() {
        await().atMost(WAIT).until(() -> sessionsGauge() == 0.0 && closed.get() == opened.get());
    }

    /** {@code twinbridge_dashboard_sessions} from {@code /metrics}. */
    private static double sessionsGauge() throws Exception {
        String metrics = get("/metrics", Optional.empty()).body();
        return metrics.lines().filter(l -> l.startsWith("twinbridge_dashboard_sessions "))
                .map(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim())).findFirst().orElseThrow();
    }

    /** One open {@code /dashboard/events} stream as a signed-in person, its raw text collected as it comes. */
    private static final class Feed {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final HttpResponse<Stream<String>> response;
        private final CompletableFuture<Void> reading;

        private Feed(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reading = CompletableFuture.runAsync(() -> {
                try {
                    response.body().forEach(lines::add);
                } catch (UncheckedIOException closedByTest) {
                    // the test closed the stream
                }
            });
        }

        static Feed open(String user) throws Exception {
            HttpResponse<Stream<String>> response = HTTP.send(request("/dashboard/events",
                    Optional.of(basic(user, user))).build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode(), user);
            return new Feed(response);
        }

        String text() {
            return String.join("\n", lines);
        }

        int count(String line) {
            return (int) lines.stream().filter(line::equals).count();
        }

        JsonObject lastStats() {
            JsonObject last = null;
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).equals("event: stats")) {
                    last = new JsonObject(lines.get(i + 1).substring("data: ".length()));
                }
            }
            return last;
        }

        void close() {
            response.body().close();
            reading.cancel(true);
        }
    }

    private static HttpRequest.Builder request(String path, Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort()
                + path)).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private static HttpResponse<String> get(String path, Optional<String> authorization) throws Exception {
        return HTTP.send(request(path, authorization).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Answer ditto(String method, String path, String json) {
        return AdminClient.call(method, STACK.sandbox().httpUrl() + path, AdminClient.basic("ditto", "ditto"),
                Optional.of(json));
    }

    /** Counts the sessions opened with someone's credentials (the dashboard's), and their closes. */
    private static DittoPortFactory counting(DittoPortFactory sessions) {
        return new DittoPortFactory() {
            @Override
            public DittoPort open(String sessionName, Set<String> declaredAcks) {
                return sessions.open(sessionName, declaredAcks);
            }

            @Override
            public DittoPortFactory withCredentials(String username, String password) {
                DittoPortFactory as = sessions.withCredentials(username, password);
                return (name, acks) -> closeCounted(as.open(name, acks));
            }
        };
    }

    private static DittoPort closeCounted(DittoPort port) {
        opened.incrementAndGet();
        return (DittoPort) java.lang.reflect.Proxy.newProxyInstance(DittoPort.class.getClassLoader(),
                new Class<?>[] {DittoPort.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.incrementAndGet();
                        return ((CompletionStage<?>) method.invoke(port, args));
                    }
                    try {
                        return method.invoke(port, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
