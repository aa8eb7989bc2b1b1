package io.twinbridge.gateway.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.testkit.FreezableProxy;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.gateway.testkit.TestHttp;

/**
 * Issue 13.2: {@code /ready} follows Ditto answering, not its socket being open. A proxy in front of the sandbox
 * freezes (keeps the WebSocket open, passes nothing), as a Ditto stopped with SIGSTOP looks to the gateway. With
 * the default readiness settings {@code /ready} must turn 503 within 5 s of the hang and 200 within 5 s of its end.
 */
@Tag("flow")
class DittoHangReadinessTest {
    private static final Duration GOAL = Duration.ofSeconds(5);

    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix("hang");

    @Test
    void readyTurns503WhileDittoHangsAnd200WhenItAnswersAgain() throws Exception {
        try (FreezableProxy proxy = FreezableProxy.to(STACK.sandbox().port())) {
            Map<String, String> env = GatewayStack.env(STACK.kafka(), "hang",
                    "ws://127.0.0.1:" + proxy.port() + "/ws/2", STACK.sandbox().httpUrl());
            env.put("TWINBRIDGE_INGEST_ENABLED", "false");
            env.put("TWINBRIDGE_EGRESS_ENABLED", "false");
            env.put("TWINBRIDGE_DASHBOARD_ENABLED", "false");
            Gateway gateway = STACK.start(env);
            await().atMost(Duration.ofSeconds(60)).until(() -> status(gateway) == 200);

            // when Ditto hangs with its socket open
            proxy.freeze();
            long frozenAt = System.nanoTime();
            await().atMost(GOAL).pollInterval(Duration.ofMillis(100)).until(() -> status(gateway) == 503);
            Duration toDown = Duration.ofNanos(System.nanoTime() - frozenAt);
            TestHttp.Answer down = TestHttp.getJson(gateway.httpPort(), "/ready");
            assertEquals("DOWN", down.body().getJsonObject("checks").getJsonObject("ditto").getString("state"));

            // when it answers again
            proxy.thaw();
            long thawedAt = System.nanoTime();
            await().atMost(GOAL).pollInterval(Duration.ofMillis(100)).until(() -> status(gateway) == 200);
            Duration toUp = Duration.ofNanos(System.nanoTime() - thawedAt);
            System.out.printf("DittoHangReadinessTest: 503 after %d ms of hang, 200 after %d ms of answers%n",
                    toDown.toMillis(), toUp.toMillis());
        }
    }

    private static int status(Gateway gateway) {
        return TestHttp.getJson(gateway.httpPort(), "/ready").status();
    }
}
