package io.twinbridge.gateway.ditto;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * One twin event as Ditto sent it over the WebSocket, with only Ditto's JSON types.
 *
 * @param thingId       {@code <namespace>:<name>}
 * @param action        the topic's action: {@code created}, {@code modified}, {@code merged} or {@code deleted}
 * @param path          the changed resource, e.g. {@code /features/rotor/properties}; empty = the whole thing
 * @param value         the new value; empty for deletions
 * @param revision      the thing's revision after the change
 * @param timestamp     when Ditto applied the change, if Ditto sent it
 * @param correlationId the correlation id of the command that caused it, as users see it (without the gateway's
 *                      per-command suffix, see {@link CommandCorrelationIds})
 * @param requestedAcks the labels this session declared and the command requested: each wants an acknowledgement
 * @param protocolJson  the Ditto protocol message as received, its {@code correlation-id} as users see it
 * @param commandCorrelationId the correlation id exactly as Ditto sent it, which an acknowledgement must carry
 */
public record TwinEvent(String thingId, String action, JsonPointer path, Optional<JsonValue> value, long revision,
                        Optional<Instant> timestamp, Optional<String> correlationId, Set<String> requestedAcks,
                        String protocolJson, Optional<String> commandCorrelationId) {
    /** An event whose command carried {@code correlationId} unchanged (not sent by the gateway). */
    public TwinEvent(String thingId, String action, JsonPointer path, Optional<JsonValue> value, long revision,
                     Optional<Instant> timestamp, Optional<String> correlationId, Set<String> requestedAcks,
                     String protocolJson) {
        this(thingId, action, path, value, revision, timestamp, correlationId, requestedAcks, protocolJson,
                correlationId);
    }

    public TwinEvent {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(correlationId, "correlationId");
        requestedAcks = Set.copyOf(requestedAcks);
        Objects.requireNonNull(protocolJson, "protocolJson");
        Objects.requireNonNull(commandCorrelationId, "commandCorrelationId");
    }

    /** The part of the thing id after the namespace: the device id. */
    public String thingName() {
        return thingId.substring(thingId.indexOf(':') + 1);
    }

    public String namespace() {
        return thingId.substring(0, Math.max(0, thingId.indexOf(':')));
    }
}
