package io.twinbridge.gateway.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.http.AdminAuth;
import io.twinbridge.gateway.testkit.AdminClient;
import io.twinbridge.gateway.testkit.AdminClient.Answer;
import io.twinbridge.gateway.testkit.KafkaTestCluster;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The dashboard of a running gateway follows tenant changes of the admin API: a tenant added at run time gets its
 * section and its twins in the browsers' event stream without a restart, and a removed one loses them. Signed in as
 * {@code ditto}, whom the tenant policies let read every twin; a tenant appears with its first readable twin.
 */
@Tag("flow")
class DashboardTenantsFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OPS_TOKEN = "ops-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static KafkaTestCluster kafka;
    private static DittoSandbox sandbox;
    private static Gateway gateway;

    /** One server-sent event: its name and its JSON data. */
    private record Sse(String event, JsonObject data) {
    }

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
        Path tenants = dir.resolve("tenants.json");
        Files.writeString(tenants, """
                {"tenants": [{"id": "globex", "namespaces": ["globex"], "roles": {}}]}""", StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>();
        env.put("TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TWINBRIDGE_KAFKA_TOPIC_PREFIX", "dash");
        env.put("TWINBRIDGE_DITTO_ENDPOINT", sandbox.wsUrl());
        env.put("TWINBRIDGE_DITTO_HTTP_ENDPOINT", sandbox.httpUrl());
        env.put("TWINBRIDGE_HTTP_PORT", "0");
        // only the dashboard and the admin API matter here
        env.put("TWINBRIDGE_INGEST_ENABLED", "false");
        env.put("TWINBRIDGE_EGRESS_ENABLED", "false");
        env.put("TWINBRIDGE_TENANTS_FILE", tenants.toString());
        env.put("TWINBRIDGE_ADMIN_PRINCIPALS", "ops:*:" + AdminAuth.hash(OPS_TOKEN));
        GatewayConfig config = GatewayConfig.fromEnv(env);
        gateway = Gateway.start(config, DittoPortFactory.webSocket(config.ditto()), name -> Optional.empty())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        sandbox.close();
        kafka.close();
    }

    @Test
    void aTenantAddedAtRunTimeShowsItsTwinsAndLosesThemWhenRemoved() throws Exception {
        List<Sse> events = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> stream = HTTP.send(events(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> collect(stream.body(), events));
        try {
            await().atMost(WAIT).until(() -> last(events, "snapshot").isPresent());
            // no twin yet, so no tenant either
            assertEquals(new JsonArray(), last(events, "snapshot").orElseThrow().getJsonArray("tenants"));

            // a twin of the coming tenant's namespace that exists before it and never changes (its own policy)
            assertEquals(201, ditto("PUT", "/api/2/things/initech:quiet-1", """
                    {"attributes": {"model": "turbine"},
                     "features": {"generator": {"properties": {"power": 42.5}}}}""").status());

            // when: a tenant is added through the admin API, and a twin of its namespace changes in Ditto
            Answer put = admin("PUT", "/admin/tenants/initech",
                    "{\"namespaces\":[\"initech\"],\"roles\":{\"viewer\":[\"nginx:peter\"]}}");
            assertEquals(201, put.status(), put.body());
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals(201, ditto("PUT",
                    "/api/2/things/initech:wtg-1", """
                            {"policyId": "initech:tenant-policy", "attributes": {"model": "turbine"},
                             "features": {"generator": {"properties": {"power": 1200.5}}}}""").status()));

            // then: the browsers get the twin, in the new tenant's section, with its value
            await().atMost(WAIT).until(() -> twin(events, "initech:wtg-1").isPresent());
            JsonObject twin = twin(events, "initech:wtg-1").orElseThrow();
            assertEquals("initech", twin.getString("tenant"));
            await().atMost(WAIT).until(() -> last(events, "tenants").map(t -> t.getJsonArray("tenants"))
                    .equals(Optional.of(new JsonArray().add("initech"))));
            assertEquals(1200.5, twin.getJsonObject("values").getDouble("generator.power"));
            // and the twin that never changed is there too: read when the namespace was added
            await().atMost(WAIT).until(() -> twin(events, "initech:quiet-1").isPresent());
            assertEquals(42.5, twin(events, "initech:quiet-1").orElseThrow().getJsonObject("values")
                    .getDouble("generator.power"));
            // and later changes follow
            assertEquals(204, ditto("PUT", "/api/2/things/initech:wtg-1/features/generator/properties/power",
                    "800.25").status());
            await().atMost(WAIT).until(() -> twin(events, "initech:wtg-1")
                    .map(t -> t.getJsonObject("values").getDouble("generator.power")).orElse(0.0) == 800.25);

            // when: the tenant is removed
            assertEquals(204, admin("DELETE", "/admin/tenants/initech", null).status());

            // then: its twins go, and its section with them
            await().atMost(WAIT).until(() -> twin(events, "initech:wtg-1").map(t -> t.getBoolean("deleted", false))
                    .orElse(false) && twin(events, "initech:quiet-1").map(t -> t.getBoolean("deleted", false))
                    .orElse(false));
            await().atMost(WAIT).until(() -> last(events, "tenants").map(t -> t.getJsonArray("tenants"))
                    .equals(Optional.of(new JsonArray())));
            assertEquals(new JsonArray().add("initech"), last(events, "tenants").orElseThrow()
                    .getJsonArray("removed"));
            // and a browser that connects now sees neither
            JsonObject snapshot = snapshot();
            assertEquals(new JsonArray(), snapshot.getJsonArray("tenants"));
            assertEquals(new JsonArray(), snapshot.getJsonArray("twins"));
        } finally {
            stream.body().close();
            reading.cancel(true);
        }
    }

    /** A fresh connection's snapshot event. */
    private static JsonObject snapshot() throws Exception {
        HttpResponse<Stream<String>> fresh = HTTP.send(events(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = fresh.body()) {
            String data = lines.dropWhile(l -> !l.equals("event: snapshot")).skip(1).findFirst().orElseThrow();
            return new JsonObject(data.substring("data: ".length()));
        }
    }

    /** The feed, signed in as {@code ditto}. */
    private static HttpRequest events() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + "/dashboard/events"))
                .header("Authorization", AdminClient.basic("ditto", "ditto").orElseThrow()).GET().build();
    }

    private static void collect(Stream<String> lines, List<Sse> events) {
        String[] name = {null};
        try {
            lines.forEach(line -> {
                if (line.startsWith("event: ")) {
                    name[0] = line.substring("event: ".length());
                } else if (line.startsWith("data: ") && name[0] != null) {
                    events.add(new Sse(name[0], new JsonObject(line.substring("data: ".length()))));
                }
            });
        } catch (UncheckedIOException closed) {
            // the test closed the stream
        }
    }

    private static Optional<JsonObject> last(List<Sse> events, String name) {
        return events.stream().filter(e -> e.event().equals(name)).reduce((a, b) -> b).map(Sse::data);
    }

    /** The latest state of a twin the stream sent, from a snapshot or a twins event. */
    private static Optional<JsonObject> twin(List<Sse> events, String thingId) {
        return events.stream().flatMap(e -> switch (e.event()) {
            case "snapshot" -> e.data().getJsonArray("twins").stream();
            case "twins" -> e.data().getJsonArray("twins").stream();
            default -> Stream.empty();
        }).map(JsonObject.class::cast).filter(t -> thingId.equals(t.getString("id"))).reduce((a, b) -> b);
    }

    private static Answer ditto(String method, String path, String json) {
        return AdminClient.call(method, sandbox.httpUrl() + path, AdminClient.basic("ditto", "ditto"),
                Optional.of(json));
    }

    private static Answer admin(String method, String path, String json) {
        return AdminClient.call(method, "http://127.0.0.1:" + gateway.httpPort() + path,
                AdminClient.bearer(OPS_TOKEN), Optional.ofNullable(json));
    }
}
