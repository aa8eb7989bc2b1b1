package io.twinbridge.gateway.ditto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session does when Ditto refuses its acknowledgement labels because another session still holds them (after
 * a reconnect, the previous socket of the same session is often not gone yet in Ditto's cluster). Ditto's
 * StreamingSessionActor then sends {@code acknowledgement:label.not.unique} and keeps the session open, without the
 * labels, for good: every command requesting such a label would time out (408). Labels are declared only on a
 * WebSocket's upgrade, so the session reconnects after a delay (1 s, doubling to 30 s while Ditto keeps refusing;
 * back to 1 s once a minute passed without a refusal) and so declares them again.
 */
final class LabelRedeclaration {
    private static final Logger LOG = LoggerFactory.getLogger(LabelRedeclaration.class);
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMinutes(1);

    private final String sessionName;
    private final Set<String> labels;
    private final Runnable reopen;
    private final BooleanSupplier closed;
    private final Clock clock;
    private Duration nextDelay = FIRST_DELAY;
    private Instant lastRefusal = Instant.MIN;

    LabelRedeclaration(String sessionName, Set<String> labels, Runnable reopen, BooleanSupplier closed) {
        this(sessionName, labels, reopen, closed, Clock.systemUTC());
    }

    LabelRedeclaration(String sessionName, Set<String> labels, Runnable reopen, BooleanSupplier closed, Clock clock) {
        this.sessionName = sessionName;
        this.labels = labels;
        this.reopen = reopen;
        this.closed = closed;
        this.clock = clock;
    }

    /** Ditto refused the labels: reconnect after the current delay. */
    void onLabelNotUnique(String refusal) {
        Duration delay = delayForNextAttempt();
        LOG.warn("Ditto session '{}': acknowledgement labels {} are still held by another session; reconnecting in "
                + "{} ms to declare them again. Ditto said: {}", sessionName, labels, delay.toMillis(), refusal);
        CompletableFuture.runAsync(() -> {
            if (!closed.getAsBoolean()) {
                reopen.run();
            }
        }, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    synchronized Duration delayForNextAttempt() {
        Instant now = clock.instant();
        if (lastRefusal.isBefore(now.minus(QUIET))) {
            nextDelay = FIRST_DELAY;
        }
        lastRefusal = now;
        Duration delay = nextDelay;
        Duration doubled = nextDelay.multipliedBy(2);
        nextDelay = doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled;
        return delay;
    }
}
