package io.twinbridge.gateway.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.testkit.KafkaTestCluster;
import io.twinbridge.gateway.testkit.TestHttp;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;

/**
 * {@code /ready} with a real broker and the Ditto sandbox: 503 before Ditto is up, 200 once both answer, 503 again
 * while Ditto is stopped, and 200 after ditto-client has reconnected by itself.
 */
@Tag("flow")
class ReadinessEndpointTest {
    private static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void readyFollowsDittoWhileKafkaIsUp() throws Exception {
        int dittoPort = TestHttp.unusedPort();
        Gateway gateway = Gateway.start(GatewayConfig.fromEnv(Map.of(
                "TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "TWINBRIDGE_DITTO_ENDPOINT", "ws://127.0.0.1:" + dittoPort + "/ws/2",
                "TWINBRIDGE_DITTO_CONNECT_TIMEOUT", "1s",
                "TWINBRIDGE_HTTP_PORT", "0",
                "TWINBRIDGE_READINESS_CHECK_INTERVAL", "200ms"))).await(30, TimeUnit.SECONDS);
        DittoSandbox sandbox = null;
        try {
            // given Kafka up and Ditto not started yet
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals("UP", state(gateway, "kafka")));
            TestHttp.Answer before = TestHttp.getJson(gateway.httpPort(), "/ready");
            assertEquals(503, before.status());
            assertEquals("DOWN", before.body().getString("status"));
            assertEquals("DOWN", state(gateway, "ditto"));
            assertEquals(200, TestHttp.getJson(gateway.httpPort(), "/health").status());

            // when Ditto comes up, the session's retries connect and /ready turns 200
            sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(dittoPort));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertEquals(200, TestHttp.getJson(gateway.httpPort(), "/ready").status()));
            assertEquals("UP", TestHttp.getJson(gateway.httpPort(), "/ready").body().getString("status"));

            // when Ditto goes away, /ready is 503 again
            sandbox.close();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertEquals(503, TestHttp.getJson(gateway.httpPort(), "/ready").status()));
            assertEquals("DOWN", state(gateway, "ditto"));

            // when it is back on the same port, ditto-client reconnects without help
            sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(dittoPort));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertEquals(200, TestHttp.getJson(gateway.httpPort(), "/ready").status()));
        } finally {
            gateway.stop().await(15, TimeUnit.SECONDS);
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    private static String state(Gateway gateway, String dependency) {
        return TestHttp.getJson(gateway.httpPort(), "/ready").body().getJsonObject("checks")
                .getJsonObject(dependency).getString("state");
    }
}
