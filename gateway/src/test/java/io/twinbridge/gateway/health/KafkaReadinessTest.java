package io.twinbridge.gateway.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.testkit.KafkaTestCluster;
import io.twinbridge.gateway.testkit.TestHttp;

/** {@code /ready} follows Kafka: up with a real broker, down once it is gone. Ditto is unreachable throughout. */
@Tag("flow")
class KafkaReadinessTest {
    @Test
    void readinessReportsKafkaUpThenDownAndDittoDown() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.start();
        Gateway gateway = Gateway.start(config(kafka.bootstrapServers())).await(30, TimeUnit.SECONDS);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertEquals("UP", kafkaState(gateway)));
            TestHttp.Answer ready = TestHttp.getJson(gateway.httpPort(), "/ready");
            assertEquals(503, ready.status());
            assertEquals("DOWN", ready.body().getJsonObject("checks").getJsonObject("ditto").getString("state"));

            kafka.close();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertEquals("DOWN", kafkaState(gateway)));
            assertEquals(200, TestHttp.getJson(gateway.httpPort(), "/health").status());
        } finally {
            gateway.stop().await(15, TimeUnit.SECONDS);
            kafka.close();
        }
    }

    @Test
    void unreachableKafkaKeepsReadinessDown() throws Exception {
        Gateway gateway = Gateway.start(config("127.0.0.1:" + TestHttp.unusedPort())).await(30, TimeUnit.SECONDS);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertEquals("DOWN", kafkaState(gateway)));
            TestHttp.Answer ready = TestHttp.getJson(gateway.httpPort(), "/ready");
            assertEquals(503, ready.status());
            assertEquals("DOWN", ready.body().getString("status"));
        } finally {
            gateway.stop().await(15, TimeUnit.SECONDS);
        }
    }

    private static String kafkaState(Gateway gateway) {
        return TestHttp.getJson(gateway.httpPort(), "/ready").body().getJsonObject("checks").getJsonObject("kafka")
                .getString("state");
    }

    private static GatewayConfig config(String bootstrapServers) {
        return GatewayConfig.fromEnv(Map.of(
                "TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "TWINBRIDGE_DITTO_ENDPOINT", "ws://127.0.0.1:" + TestHttp.unusedPort() + "/ws/2",
                "TWINBRIDGE_DITTO_CONNECT_TIMEOUT", "500ms",
                "TWINBRIDGE_HTTP_PORT", "0",
                "TWINBRIDGE_READINESS_CHECK_INTERVAL", "200ms",
                "TWINBRIDGE_READINESS_TIMEOUT", "1s"));
    }
}
