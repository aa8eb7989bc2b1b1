package io.twinbridge.sandbox.ditto.ws;

import io.twinbridge.sandbox.ditto.memo.BoundedMemo;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.JsonifiableAdaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;

/**
 * {@code ProtocolFactory.jsonifiableAdaptableFromJson} (2.4.0 {@code ImmutableJsonifiableAdaptable.fromJson}: the
 * headers, then the topic, then the payload, in that order, with the same errors), with the parsed topic paths
 * remembered by their text: a session sends many commands on one thing, and Ditto's topic parser costs more per
 * message than the lookup. A topic that does not parse is never remembered, so it fails as before each time.
 */
final class AdaptableReader {

    /** Bounds the memory; past it, the topics are forgotten and parsed again. */
    private static final int LIMIT = 50_000;
    private static final BoundedMemo<String, TopicPath> TOPICS = new BoundedMemo<>(LIMIT);

    private AdaptableReader() {
    }

    static Adaptable read(final JsonObject json) {
        final DittoHeaders headers = json.getValue(JsonifiableAdaptable.JsonFields.HEADERS)
                .map(ProtocolFactory::newHeaders)
                .orElse(DittoHeaders.empty());
        final TopicPath topic;
        try {
            topic = topic(json.getValueOrThrow(JsonifiableAdaptable.JsonFields.TOPIC));
        } catch (final DittoRuntimeException e) {
            // tryToDeserializeTopicPath
            throw e.setDittoHeaders(headers);
        }
        return ProtocolFactory.wrapAsJsonifiableAdaptable(ProtocolFactory.newAdaptableBuilder(topic)
                .withPayload(ProtocolFactory.newPayload(json))
                .withHeaders(headers)
                .build());
    }

    private static TopicPath topic(final String text) {
        return TOPICS.get(text, ProtocolFactory::newTopicPath);
    }
}
