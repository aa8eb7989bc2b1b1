package io.twinbridge.gateway.ditto;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonRuntimeException;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;

/** Reads twin events from raw WebSocket text and writes the acknowledgements Ditto expects for them. */
public final class TwinEvents {
    /** Marks a record that carries a state read back from Ditto rather than an event. */
    public static final String RESYNC_HEADER = "twinbridge-resync";

    private TwinEvents() {
    }

    /** The twin event in {@code text}, or empty if the text is anything else (response, ACK line, live signal). */
    public static Optional<TwinEvent> parse(String text) {
        if (text.isEmpty() || text.charAt(0) != '{') {
            return Optional.empty();
        }
        TwinEvent plain = PlainTwinEvents.parse(text);
        if (plain != null) {
            return Optional.of(plain);
        }
        JsonObject json;
        try {
            json = JsonFactory.newObject(text);
        } catch (JsonRuntimeException e) {
            return Optional.empty();
        }
        return viaAdaptable(json, text);
    }

    /** Through Ditto's protocol adapter: every form Ditto may send. */
    static Optional<TwinEvent> viaAdaptable(JsonObject json, String text) {
        Adaptable adaptable;
        try {
            adaptable = ProtocolFactory.jsonifiableAdaptableFromJson(json);
        } catch (JsonRuntimeException | org.eclipse.ditto.base.model.exceptions.DittoRuntimeException e) {
            return Optional.empty();
        }
        TopicPath topic = adaptable.getTopicPath();
        if (topic.getGroup() != TopicPath.Group.THINGS || topic.getChannel() != TopicPath.Channel.TWIN
                || topic.getCriterion() != TopicPath.Criterion.EVENTS || topic.getAction().isEmpty()) {
            return Optional.empty();
        }
        DittoHeaders headers = adaptable.getDittoHeaders();
        Optional<String> commandId = headers.getCorrelationId();
        Optional<String> userId = commandId.map(CommandCorrelationIds::userVisible);
        Set<String> acks = headers.getAcknowledgementRequests().stream()
                .map(request -> request.getLabel().toString()).collect(Collectors.toUnmodifiableSet());
        return Optional.of(new TwinEvent(topic.getNamespace() + ":" + topic.getEntityName(),
                // the payload's path is Ditto's MessagePath; a plain pointer compares and prints as users expect
                topic.getAction().get().getName(), JsonPointer.of(adaptable.getPayload().getPath().toString()),
                adaptable.getPayload().getValue(), adaptable.getPayload().getRevision().orElse(0L),
                adaptable.getPayload().getTimestamp(), userId, acks, withoutSuffix(text, commandId), commandId));
    }

    /** The message with the gateway's per-command suffix taken off its {@code correlation-id}, as users see it. */
    static String withoutSuffix(String text, Optional<String> commandId) {
        if (commandId.isEmpty()) {
            return text;
        }
        int at = CommandCorrelationIds.suffixStart(commandId.get());
        // the suffix is [0-9a-z] only, so it appears unescaped in the JSON, right before the closing quote
        return at < 0 ? text : text.replace(commandId.get().substring(at) + "\"", "\"");
    }

    /**
     * A {@code modified} event of the whole thing, as Ditto would send it, for a state read back from Ditto instead
     * of an event (a resynchronisation); its headers carry {@code twinbridge-resync: true}.
     */
    public static TwinEvent stateEvent(String thingId, JsonObject state, long revision, Instant timestamp) {
        String namespace = thingId.substring(0, thingId.indexOf(':'));
        String name = thingId.substring(thingId.indexOf(':') + 1);
        Adaptable adaptable = ProtocolFactory.newAdaptableBuilder(ProtocolFactory.newTopicPath(namespace + "/" + name
                        + "/things/twin/events/modified"))
                .withPayload(ProtocolFactory.newPayloadBuilder(JsonPointer.empty()).withValue(state)
                        .withRevision(revision).withTimestamp(timestamp).build())
                .withHeaders(DittoHeaders.newBuilder().contentType("application/json")
                        .putHeader(RESYNC_HEADER, "true").build())
                .build();
        return new TwinEvent(thingId, "modified", JsonPointer.empty(), Optional.of(state), revision,
                Optional.of(timestamp), Optional.empty(), Set.of(),
                ProtocolFactory.wrapAsJsonifiableAdaptable(adaptable).toJsonString());
    }

    /** Ditto's acknowledgement message {@code <ns>/<name>/things/twin/acks/<label>} for an event. */
    static Adaptable acknowledgement(TwinEvent event, String label, int status) {
        TopicPath topic = ProtocolFactory.newTopicPath(event.namespace() + "/" + event.thingName()
                + "/things/twin/acks/" + label);
        DittoHeadersBuilder<?, ?> headers = DittoHeaders.newBuilder().responseRequired(false);
        // Ditto pairs the acknowledgement with the command by the id exactly as the command carried it
        event.commandCorrelationId().ifPresent(headers::correlationId);
        return ProtocolFactory.newAdaptableBuilder(topic)
                .withPayload(ProtocolFactory.newPayloadBuilder(JsonPointer.empty())
                        .withStatus(HttpStatus.tryGetInstance(status).orElse(HttpStatus.INTERNAL_SERVER_ERROR))
                        .build())
                .withHeaders(headers.build())
                .build();
    }
}
