package io.twinbridge.sandbox.ditto.ws;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.PayloadBuilder;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;

import io.twinbridge.sandbox.ditto.twin.ThingChange;
import io.twinbridge.sandbox.ditto.twin.ThingService;

/** Builds Ditto Protocol messages (responses, errors, events) in the form of Ditto's protocol examples. */
final class ProtocolMessages {

    private ProtocolMessages() {
    }

    static String response(final TopicPath topic, final JsonPointer path, final HttpStatus status,
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
                        .withValue(error.toJson())
                        .withStatus(error.getHttpStatus())
                        .build())
                .withHeaders(responseHeaders(commandHeaders, true))
                .build());
    }

    static String event(final ThingChange change) {
        final TopicPath topic = ProtocolFactory.newTopicPath(change.thingId().getNamespace() + "/"
                + change.thingId().getName() + "/things/twin/events/" + change.action());
        final PayloadBuilder payload = ProtocolFactory.newPayloadBuilder(change.path())
                .withRevision(change.revision())
                .withTimestamp(change.timestamp());
        change.value().ifPresent(payload::withValue);
        final DittoHeadersBuilder<?, ?> headers = DittoHeaders.newBuilder();
        change.headers().getCorrelationId().ifPresent(headers::correlationId);
        headers.contentType("merged".equals(change.action()) ? ThingService.MERGE_PATCH : "application/json");
        return toJson(ProtocolFactory.newAdaptableBuilder(topic)
                .withPayload(payload.build())
                .withHeaders(headers.build())
                .build());
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
