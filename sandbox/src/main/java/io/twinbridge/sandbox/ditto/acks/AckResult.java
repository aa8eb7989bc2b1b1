package io.twinbridge.sandbox.ditto.acks;

import java.util.Optional;

import org.eclipse.ditto.json.JsonValue;

/**
 * One acknowledgement of a command: its label's status and optional payload, as Ditto aggregates them.
 *
 * @param weak whether Ditto issued it on behalf of a subscriber that never got the event ({@code ditto-weak-ack})
 */
public record AckResult(int status, Optional<JsonValue> payload, boolean weak) {

    public static AckResult of(final int status, final Optional<JsonValue> payload) {
        return new AckResult(status, payload, false);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
