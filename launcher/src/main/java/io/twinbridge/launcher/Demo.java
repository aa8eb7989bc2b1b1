package io.twinbridge.launcher;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.ditto.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.twinbridge.sandbox.fleet.AssetIncidents;
import io.twinbridge.sandbox.kafka.EmbeddedKafka;

/**
 * The demo: the embedded Kafka broker, the Ditto sandbox and the gateway, wired together in this process. The
 * gateway gets its settings the way it does in production, as {@code TWINBRIDGE_*} variables; only their values
 * point at the local parts.
 */
final class Demo {
    static final String DEMO_THING_ID = "demo:turbine-1";
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafka kafka;
    private final DittoSandbox sandbox;
    private final Gateway gateway;
    private final String host;
    private final Deque<Part> stopOrder;

    private Demo(EmbeddedKafka kafka, DittoSandbox sandbox, Gateway gateway, String host, Deque<Part> stopOrder) {
        this.kafka = kafka;
        this.sandbox = sandbox;
        this.gateway = gateway;
        this.host = host;
        this.stopOrder = stopOrder;
    }

    /**
     * Starts the three parts, waits until the gateway is ready, and creates the demo twin through the gateway's
     * Ditto adapter. On failure, whatever had started is stopped again before the exception propagates.
     */
    static Demo start(DemoOptions options) throws Exception {
        return start(options, AssetIncidents.demo());
    }

    /** With other incidents in the fleet, e.g. a fault active from the start for a test. */
    static Demo start(DemoOptions options, AssetIncidents incidents) throws Exception {
        return start(options, incidents, Map.of());
    }

    /**
     * With gateway settings on top of the demo's ({@code TWINBRIDGE_*} variables), e.g. a lower
     * {@code dashboard.max-users} for a test.
     */
    static Demo start(DemoOptions options, AssetIncidents incidents, Map<String, String> gatewaySettings)
            throws Exception {
        String host = options.host();
        PortCheck.requireFree(host, options.kafkaPort(), "Kafka", "--kafka-port");
        PortCheck.requireFree(host, options.dittoPort(), "Ditto sandbox", "--ditto-port");
        PortCheck.requireFree(host, options.httpPort(), "Gateway HTTP", "--http-port");

        Deque<Part> started = new ArrayDeque<>();
        try {
            EmbeddedKafka.Options kafkaOptions = EmbeddedKafka.Options.defaults().withHost(host)
                    .withPort(options.kafkaPort());
            EmbeddedKafka kafka = EmbeddedKafka.start(options.kafkaDataDir().map(kafkaOptions::withDataDir)
                    .orElse(kafkaOptions));
            started.push(new Part("Kafka", kafka::close));
            DemoTopics.create(kafka.bootstrapServers(), gatewayConfigPrefix(), DemoFleet.TENANTS);

            DittoSandbox sandbox = DittoSandbox.start(DemoTenants.withRoleUsers(SandboxOptions.defaults()
                    .withHost(host).withPort(options.dittoPort())));
            started.push(new Part("Ditto sandbox", sandbox::close));

            Gateway gateway = await(Gateway.start(gatewayConfig(options, kafka, sandbox, gatewaySettings))
                    .toCompletionStage(),
                    "the gateway to start");
            started.push(new Part("gateway", () -> await(gateway.stop().toCompletionStage(), "the gateway to stop")));

            awaitReady(gateway);
            await(gateway.ditto().createThing(demoThing()), "the demo twin to be created");
            if (options.fleetRate() > 0) {
                DemoFleet fleet = DemoFleet.start(kafka.bootstrapServers(), gatewayConfigPrefix(), options.fleetRate(),
                        incidents);
                started.push(new Part("simulated fleet", fleet::stop));
            }
            return new Demo(kafka, sandbox, gateway, host, started);
        } catch (Exception | Error e) {
            stopAll(started);
            throw e;
        }
    }

    /** The environment the gateway would get in a container, pointing at the local parts. */
    static GatewayConfig gatewayConfig(DemoOptions options, EmbeddedKafka kafka, DittoSandbox sandbox,
                                       Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "TWINBRIDGE_DITTO_ENDPOINT", sandbox.wsUrl(),
                "TWINBRIDGE_DITTO_HTTP_ENDPOINT", sandbox.httpUrl(),
                "TWINBRIDGE_HTTP_HOST", options.host(),
                "TWINBRIDGE_HTTP_PORT", Integer.toString(options.httpPort()),
                // the demo promises to stop within 10 s: bound each step of the gateway's drain
                "TWINBRIDGE_SHUTDOWN_TIMEOUT", "3s",
                "TWINBRIDGE_INGEST_DRAIN_TIMEOUT", "2s"));
        DemoTenants.exampleCopy().ifPresent(file -> env.put("TWINBRIDGE_TENANTS_FILE", file.toString()));
        env.putAll(extra);
        return GatewayConfig.load(Optional.empty(), env);
    }

    private static String gatewayConfigPrefix() {
        return GatewayConfig.fromEnv(Map.of()).kafka().topicPrefix();
    }

    static JsonObject demoThing() {
        return JsonObject.newBuilder()
                .set("thingId", DEMO_THING_ID)
                .set("attributes", JsonObject.newBuilder()
                        .set("kind", "wind-turbine")
                        .set("site", "demo")
                        .set("createdBy", "twinbridge demo")
                        .build())
                .build();
    }

    String statusLine() {
        return "TwinBridge demo up: dashboard " + dashboardUrl() + " (sign in as a Ditto user: ditto/ditto, "
                + "acme-viewer/acme-viewer, globex-viewer/globex-viewer)" + " · Ditto API " + dittoThingsUrl()
                + " (user ditto/ditto)"
                + " · gateway " + gatewayReadyUrl()
                + " · Kafka " + kafka.bootstrapServers()
                + " · Ctrl-C to stop";
    }

    /** The gateway's live dashboard. */
    String dashboardUrl() {
        return "http://" + host + ":" + gateway.httpPort() + "/";
    }

    String dittoThingsUrl() {
        return sandbox.httpUrl() + "/api/2/things";
    }

    String gatewayReadyUrl() {
        return "http://" + host + ":" + gateway.httpPort() + "/ready";
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Stops the gateway, then the sandbox, then Kafka, giving up after {@code timeout} so that Ctrl-C always ends
     * the process promptly. Returns whether everything stopped in time.
     */
    boolean stop(Duration timeout) {
        Thread stopper = new Thread(() -> stopAll(stopOrder), "twinbridge-demo-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.warn("The demo did not stop within {}; exiting anyway", timeout);
            return false;
        }
        return true;
    }

    private static void stopAll(Deque<Part> started) {
        while (!started.isEmpty()) {
            Part part = started.pop();
            try {
                part.stop().run();
            } catch (RuntimeException e) {
                // Keep stopping the other parts: one that fails to stop must not keep the rest running.
                LOG.warn("Stopping the {} failed: {}", part.name(), e.toString());
            }
        }
    }

    /** The gateway reports ready once Kafka and Ditto both answer; only then is the demo "up". */
    private static void awaitReady(Gateway gateway) throws TimeoutException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!gateway.isReady()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the gateway did not become ready within " + START_TIMEOUT
                        + " (Kafka or Ditto unreachable)");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("failed waiting for " + what + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + START_TIMEOUT + " waiting for " + what, e);
        }
    }

    private record Part(String name, Runnable stop) {
    }
}
