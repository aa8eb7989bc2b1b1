package io.twinbridge.gateway.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** How {@link DittoCheck} reads the probe's outcome and the session's last answer. */
class DittoCheckTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SILENCE = Duration.ofSeconds(3);
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    @Test
    void probeAnsweredWith404MeansUp() throws Exception {
        assertTrue(run(true, CompletableFuture.completedFuture(Optional.empty()), Optional.empty()));
    }

    @Test
    void aRefusalIsAnAnswerToo() throws Exception {
        assertTrue(run(true, CompletableFuture.failedFuture(new DittoPortException(403, "things:thing.notmodifiable",
                "no")), Optional.empty()));
    }

    @Test
    void probeTimedOutAndNoRecentAnswerMeansDown() throws Exception {
        assertFalse(run(true, timedOut(), Optional.of(NOW.minusMillis(3_001))));
        assertFalse(run(true, timedOut(), Optional.empty()));
    }

    @Test
    void probeLateButOtherCommandsAnsweredMeansUp() throws Exception {
        // Ditto busy with the gateway's own merges: the probe waits behind them, the merges are answered
        assertTrue(run(true, timedOut(), Optional.of(NOW.minusMillis(2_500))));
    }

    @Test
    void closedSocketMeansDownWithoutProbe() throws Exception {
        assertFalse(run(false, CompletableFuture.completedFuture(Optional.empty()), Optional.of(NOW)));
    }

    private static CompletableFuture<Optional<Object>> timedOut() {
        return CompletableFuture.failedFuture(new DittoPortException(408, DittoPortException.CODE_TIMEOUT, "late"));
    }

    private static boolean run(boolean connected, CompletableFuture<?> probe, Optional<Instant> lastAnswer)
            throws Exception {
        DittoPort port = (DittoPort) Proxy.newProxyInstance(DittoPort.class.getClassLoader(),
                new Class<?>[] {DittoPort.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isConnected" -> connected;
                    case "lastAnswer" -> lastAnswer;
                    case "retrieveThing" -> probe;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Future<Void> result = new DittoCheck(port, PROBE_TIMEOUT, SILENCE, vertx.getOrCreateContext(), CLOCK).check();
        return result.toCompletionStage().toCompletableFuture().handle((ok, failure) -> failure == null)
                .get(10, TimeUnit.SECONDS);
    }
}
