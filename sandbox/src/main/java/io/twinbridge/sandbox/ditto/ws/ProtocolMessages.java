package io.twinbridge.sandbox.ditto.ws;

import java.util.Optional;

import org.eclipse.ditto.base.model.acks.AcknowledgementLabel;
import org.eclipse.ditto.base.model.acks.AcknowledgementRequest;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyException;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.PayloadBuilder;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;

import io.twinbridge.sandbox.ditto.acks.AckResult;
import io.twinbridge.sandbox.ditto.twin.ThingChange;
import io.twinbridge.sandbox.ditto.twin.ThingService;

/** Builds Ditto Protocol messages (responses, errors, events) in the form of Ditto's protocol examples. */
final class ProtocolMessages {

    private static final String ENTITY_ID_HEADER = "ditto-entity-id";
    /** {@code AbstractErrorResponse.FALLBACK_ID}. */
    private static final String UNKNOWN_ENTITY = "unknown:unknown";
    private static final String OLD_ADAPTER_PREFIX = "things.protocol.adapter:";
    private static final String ADAPTER_PREFIX = "protocoladapter:";

    private ProtocolMessages() {
    }

    static String response(final TopicPath topic, final JsonPointer path, final HttpStatus status,
            final java.util.Optional<JsonValue> value, final DittoHeaders commandHeaders) {
        final Optional<String> correlationId = commandHeaders.getCorrelationId();
        if (correlationId.isPresent()) {
            return ResponseTemplates.response(topic.getPath(), path.toString(), status, value, correlationId.get());
        }
        return renderResponse(topic, path, status, value, commandHeaders);
    }

    /** The response as Ditto's {@code JsonifiableAdaptable} renders it; {@link ResponseTemplates} fills its copies. */
    static String renderResponse(final TopicPath topic, final JsonPointer path, final HttpStatus status,
            final java.util.Optional<JsonValue> value, final DittoHeaders commandHeaders) {
        final PayloadBuilder payload = ProtocolFactory.newPayloadBuilder(path).withStatus(status);
        value.ifPresent(payload::withValue);
        return toJson(ProtocolFactory.newAdaptableBuilder(topic)
                .withPayload(payload.build())
                .withHeaders(responseHeaders(commandHeaders, value.isPresent()))
                .build());
    }

    /** Error response on {@code <namespace>/<name>/<group>/[twin/]errors}, as Ditto sends for failed commands. */
    static String error(final String namespace, final String name, final TopicPath.Group group,
            final DittoRuntimeException error, final DittoHeaders commandHeaders) {
        final String channel = group == TopicPath.Group.THINGS ? "/twin" : "";
        final TopicPath topic = ProtocolFactory.newTopicPath(
                namespace + "/" + name + "/" + group.getName() + channel + "/errors");
        return toJson(ProtocolFactory.newAdaptableBuilder(topic)
                .withPayload(ProtocolFactory.newPayloadBuilder(JsonPointer.empty())
                        .withValue(errorJson(error))
                        .withStatus(error.getHttpStatus())
                        .build())
                .withHeaders(responseHeaders(commandHeaders, true))
                .build());
    }

    /**
     * The error for a message Ditto refuses before it reaches an entity (protocol adapter, header checks), as
     * Ditto 3.9.6's {@code WebSocketRoute.jsonifiableToAdaptable} sends it: {@code ThingErrorResponse.of} (or
     * {@code PolicyErrorResponse.of} for a {@code PolicyException}) takes the entity from the error's
     * {@code ditto-entity-id} header, else {@code unknown:unknown}; the headers are the error's own, so an error
     * raised before the message's headers were read (e.g. {@code UnknownPathException}) has no correlation id.
     */
    static String refused(final DittoRuntimeException error) {
        final String entity = Optional.ofNullable(error.getDittoHeaders().get(ENTITY_ID_HEADER))
                .map(id -> id.substring(id.indexOf(':') + 1))
                .filter(id -> id.indexOf(':') > 0)
                .orElse(UNKNOWN_ENTITY);
        final int colon = entity.indexOf(':');
        final TopicPath.Group group = error instanceof PolicyException ? TopicPath.Group.POLICIES
                : TopicPath.Group.THINGS;
        return error(entity.substring(0, colon), entity.substring(colon + 1), group, error, error.getDittoHeaders());
    }

    /**
     * The error's JSON with Ditto 3.9's error code: the protocol adapter's errors were renamed from
     * {@code things.protocol.adapter:} (the 2.4.0 classes the sandbox uses) to {@code protocoladapter:}
     * ({@code ProtocolAdapterException.ERROR_CODE_PREFIX}).
     */
    static JsonObject errorJson(final DittoRuntimeException error) {
        final JsonObject json = error.toJson();
        final String code = error.getErrorCode();
        return code.startsWith(OLD_ADAPTER_PREFIX)
                ? json.setValue("error", ADAPTER_PREFIX + code.substring(OLD_ADAPTER_PREFIX.length()))
                : json;
    }

    static String event(final ThingChange change) {
        return event(change, java.util.Set.of(), Optional.empty());
    }

    /**
     * @param requestedAcks the labels of the command that this subscriber declared: it is to acknowledge them
     * @param extra the enriched extra fields, sent as the message's {@code extra} ({@code ProtocolFactory.setExtra},
     *        left out when empty, as {@code WebSocketRoute.toJsonStringWithExtra})
     */
    static String event(final ThingChange change, final java.util.Set<String> requestedAcks,
            final Optional<JsonObject> extra) {
        final TopicPath topic = ProtocolFactory.newTopicPath(change.thingId().getNamespace() + "/"
                + change.thingId().getName() + "/things/twin/events/" + change.action());
        final PayloadBuilder payload = ProtocolFactory.newPayloadBuilder(change.path())
                .withRevision(change.revision())
                .withTimestamp(change.timestamp());
        change.value().ifPresent(payload::withValue);
        extra.filter(e -> !e.isEmpty()).ifPresent(payload::withExtra);
        final DittoHeadersBuilder<?, ?> headers = DittoHeaders.newBuilder();
        change.headers().getCorrelationId().ifPresent(headers::correlationId);
        headers.contentType("merged".equals(change.action()) ? ThingService.MERGE_PATCH : "application/json");
        if (!requestedAcks.isEmpty()) {
            headers.acknowledgementRequests(requestedAcks.stream()
                    .map(label -> AcknowledgementRequest.of(AcknowledgementLabel.of(label))).toList());
        }
        return toJson(ProtocolFactory.newAdaptableBuilder(topic)
                .withPayload(payload.build())
                .withHeaders(headers.build())
                .build());
    }

    /**
     * The answer to a command that requested custom acknowledgements: Ditto's aggregated
     * {@code <ns>/<name>/things/twin/acks} with one entry per label ({@code twin-persisted} carries the command's
     * own response); status = the single ack's status, or 200 if all succeeded, else 424.
     */
    static String acknowledgements(final TopicPath commandTopic, final HttpStatus commandStatus,
            final java.util.Optional<JsonValue> commandValue, final boolean twinPersistedRequested,
            final java.util.Map<String, AckResult> custom, final DittoHeaders commandHeaders) {
        final JsonObjectBuilder value = JsonObject.newBuilder();
        final java.util.List<Integer> statuses = new java.util.ArrayList<>();
        final DittoHeaders ackHeaders = responseHeaders(commandHeaders, false);
        if (twinPersistedRequested) {
            value.set("twin-persisted", ack(commandStatus.getCode(), commandValue, ackHeaders));
            statuses.add(commandStatus.getCode());
        }
        custom.forEach((label, result) -> {
            final DittoHeaders headers = result.weak()
                    ? ackHeaders.toBuilder().putHeader("ditto-weak-ack", "true").build() : ackHeaders;
            value.set(label, ack(result.status(), result.payload(), headers));
            statuses.add(result.status());
        });
        final int combined = statuses.size() == 1 ? statuses.get(0)
                : statuses.stream().allMatch(s -> s >= 200 && s < 300) ? 200 : 424;
        final TopicPath topic = ProtocolFactory.newTopicPath(commandTopic.getNamespace() + "/"
                + commandTopic.getEntityName() + "/things/twin/acks");
        return toJson(ProtocolFactory.newAdaptableBuilder(topic)
                .withPayload(ProtocolFactory.newPayloadBuilder(JsonPointer.empty())
                        .withValue(value.build())
                        .withStatus(HttpStatus.tryGetInstance(combined).orElse(HttpStatus.FAILED_DEPENDENCY))
                        .build())
                .withHeaders(responseHeaders(commandHeaders, true))
                .build());
    }

    private static JsonObject ack(final int status, final java.util.Optional<JsonValue> payload,
            final DittoHeaders headers) {
        final JsonObjectBuilder ack = JsonObject.newBuilder().set("status", status);
        payload.ifPresent(p -> ack.set("payload", p));
        return ack.set("headers", headers.toJson()).build();
    }

    private static DittoHeaders responseHeaders(final DittoHeaders commandHeaders, final boolean withValue) {
        final DittoHeadersBuilder<?, ?> headers = DittoHeaders.newBuilder();
        commandHeaders.getCorrelationId().ifPresent(headers::correlationId);
        if (withValue) {
            headers.contentType("application/json");
        }
        headers.responseRequired(false);
        return headers.build();
    }

    private static String toJson(final Adaptable adaptable) {
        return ProtocolFactory.wrapAsJsonifiableAdaptable(adaptable).toJsonString();
    }
}
