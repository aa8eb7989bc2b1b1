package io.twinbridge.gateway.health;

import java.time.Instant;

/**
 * The last known state of one dependency.
 *
 * @param detail why it is down, or empty when up
 * @param since  when it entered this state
 */
public record DependencyStatus(State state, String detail, Instant since) {
    public enum State { UNKNOWN, UP, DOWN }

    static DependencyStatus unknown(Instant now) {
        return new DependencyStatus(State.UNKNOWN, "not checked yet", now);
    }

    public boolean isUp() {
        return state == State.UP;
    }
}
