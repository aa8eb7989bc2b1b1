package io.twinbridge.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("flow")
class DemoTest {
    private static final String BASIC_DITTO = "Basic "
            + Base64.getEncoder().encodeToString("ditto:ditto".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void runsKafkaSandboxAndGatewayShowsTheTwinCreatedThroughTheGatewayAndStopsWithinTenSeconds() throws Exception {
        Demo demo = Demo.start(DemoOptions.randomPorts());
        URI things = URI.create(demo.dittoThingsUrl());
        URI ready = URI.create(demo.gatewayReadyUrl());
        long stopStarted;
        boolean stoppedInTime;
        try {
            // then the sandbox lists the twin the demo created through the gateway's Ditto adapter
            await().atMost(Duration.ofSeconds(30)).until(() -> demoThing(get(things, true)).isPresent());
            JsonObject thing = demoThing(get(things, true)).orElseThrow();
            assertEquals(JsonValue.of("wind-turbine"), thing.getValue(JsonPointer.of("/attributes/kind")).orElseThrow());
            // the sandbox gives things created without a policy a policy of the same id, as Ditto does
            assertEquals(JsonValue.of(Demo.DEMO_THING_ID), thing.getValue("policyId").orElseThrow());

            // and the gateway is ready, which means it reaches both Kafka and Ditto
            await().atMost(Duration.ofSeconds(30)).until(() -> get(ready, false).statusCode() == 200);

            // and the simulated fleet's telemetry flows through Kafka and the gateway into live twins
            await().atMost(Duration.ofSeconds(60)).until(() -> fleetTwinSourceTs(get(things, true)) > 0);
            long firstSeen = fleetTwinSourceTs(get(things, true));
            await().atMost(Duration.ofSeconds(60)).until(() -> fleetTwinSourceTs(get(things, true)) > firstSeen);

            // the fleet's things live under the tenant policy rendered from ditto-config/tenants.example.json,
            // and that tenant's viewer may read them but not change them
            URI acmeTurbine = URI.create(demo.dittoThingsUrl() + "/acme:WTG-001");
            HttpResponse<String> policyId = get(URI.create(acmeTurbine + "/policyId"), true);
            assertEquals("\"acme:tenant-policy\"", policyId.body());
            assertEquals(200, as("acme-viewer", HttpRequest.newBuilder(acmeTurbine).GET()).statusCode());
            assertEquals(403, as("acme-viewer", HttpRequest.newBuilder(URI.create(acmeTurbine + "/attributes/site"))
                    .PUT(HttpRequest.BodyPublishers.ofString("\"hacked\""))
                    .header("Content-Type", "application/json")).statusCode());

            assertEquals("TwinBridge demo up: dashboard " + demo.dashboardUrl() + " (sign in as a Ditto user: "
                    + "ditto/ditto, acme-viewer/acme-viewer, globex-viewer/globex-viewer) · Ditto API " + things
                    + " (user ditto/ditto) · gateway " + ready
                    + " · Kafka " + demo.kafkaBootstrapServers() + " · Ctrl-C to stop", demo.statusLine());
        } finally {
            stopStarted = System.nanoTime();
            stoppedInTime = demo.stop(Duration.ofSeconds(10));
        }
        Duration stopTook = Duration.ofNanos(System.nanoTime() - stopStarted);

        assertTrue(stoppedInTime, "stop reported a timeout");
        assertTrue(stopTook.compareTo(Duration.ofSeconds(10)) < 0, "stop took " + stopTook);
        // every port is free again
        assertBindable(things.getPort());
        assertBindable(ready.getPort());
        assertBindable(URI.create("tcp://" + demo.kafkaBootstrapServers()).getPort());
    }

    @Test
    void aTakenPortStopsTheStartWithAMessageNamingItAndTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            DemoOptions options = DemoOptions.randomPorts().withDittoPort(taken.getLocalPort());

            IllegalStateException error = assertThrows(IllegalStateException.class, () -> Demo.start(options));

            assertEquals("Ditto sandbox port 127.0.0.1:" + taken.getLocalPort() + " is already in use; stop the"
                    + " process that holds it, or pick another port with --ditto-port", error.getMessage());
        }
    }

    private HttpResponse<String> get(URI uri, boolean authenticated) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        if (authenticated) {
            request.header("Authorization", BASIC_DITTO);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Optional<JsonObject> demoThing(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonArray all = JsonFactory.newArray(response.body());
        return all.stream().filter(JsonValue::isObject).map(JsonValue::asObject)
                .filter(t -> t.getValue("thingId").equals(Optional.of(JsonValue.of(Demo.DEMO_THING_ID))))
                .findFirst();
    }

    /** The turbine rotor's source timestamp of acme's first simulated turbine, or 0 while it has none. */
    private static long fleetTwinSourceTs(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return 0;
        }
        return JsonFactory.newArray(response.body()).stream().filter(JsonValue::isObject).map(JsonValue::asObject)
                .filter(t -> t.getValue("thingId").filter(JsonValue::isString).map(JsonValue::asString)
                        .filter(id -> id.startsWith("acme:WTG-")).isPresent())
                .map(t -> t.getValue(JsonPointer.of("/features/rotor/properties/sourceTs")))
                .flatMap(Optional::stream).filter(JsonValue::isNumber).mapToLong(JsonValue::asLong).max().orElse(0);
    }

    private HttpResponse<String> as(String user, HttpRequest.Builder request) throws IOException,
            InterruptedException {
        String credentials = java.util.Base64.getEncoder().encodeToString((user + ":" + user)
                .getBytes(StandardCharsets.UTF_8));
        return http.send(request.header("Authorization", "Basic " + credentials).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertBindable(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }
}
