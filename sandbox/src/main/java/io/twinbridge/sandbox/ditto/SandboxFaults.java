package io.twinbridge.sandbox.ditto;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults a test can switch on in a running sandbox, to see how a client copes with a slow Ditto.
 *
 * <p>{@link #delayAnswers}: every WebSocket command is applied at once, but its answer leaves only after the delay,
 * as a loaded Ditto that has persisted a change answers late. Events are not delayed. Answers keep their order.
 */
public final class SandboxFaults {
    private volatile Duration answerDelay = Duration.ZERO;

    /** From now on, answers to WebSocket commands leave {@code delay} after the command was applied; ZERO = at once. */
    public void delayAnswers(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        answerDelay = delay;
    }

    public Duration answerDelay() {
        return answerDelay;
    }
}
