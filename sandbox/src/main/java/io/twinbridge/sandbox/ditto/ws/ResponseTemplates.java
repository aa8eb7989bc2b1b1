package io.twinbridge.sandbox.ditto.ws;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.ProtocolFactory;

/**
 * Responses to commands written from a text that Ditto's own rendering ({@link ProtocolMessages#renderResponse})
 * produced once per status (and with or without a value), with marker strings in place of the topic, the path, the
 * correlation id and the value; each response fills in its own, escaped as ditto-json escapes a string
 * ({@code JsonValue.of(text).toString()}) or rendered as the value renders itself ({@code value.toString()}, as
 * a JSON object renders its fields). So the text is the one Ditto renders, without building an {@code Adaptable}, its
 * headers and its JSON objects per response.
 */
final class ResponseTemplates {

    // markers that Ditto's topic, pointer and header rules accept and that no other part of the text holds
    private static final String TOPIC = "sandboxmarker/sandboxmarker-thing/things/twin/commands/modify";
    private static final String PATH = "/sandboxmarker-path";
    private static final String CORRELATION_ID = "sandboxmarker-correlation-id";
    private static final String VALUE = "sandboxmarker-value";
    /** Templates by status code, negative when without a value; a status has one or two. */
    private static final Map<Integer, Optional<Template>> TEMPLATES = new ConcurrentHashMap<>();

    private ResponseTemplates() {
    }

    static String response(final String topic, final String path, final HttpStatus status,
            final Optional<JsonValue> value, final String correlationId) {
        final Optional<Template> template = TEMPLATES.computeIfAbsent(
                value.isPresent() ? status.getCode() : -status.getCode(), code -> Template.of(status, value.isPresent()));
        if (template.isEmpty()) {
            return ProtocolMessages.renderResponse(ProtocolFactory.newTopicPath(topic), JsonPointer.of(path), status,
                    value, DittoHeaders.newBuilder().correlationId(correlationId).build());
        }
        return template.get().fill(JsonValue.of(topic).toString(), JsonValue.of(path).toString(),
                JsonValue.of(correlationId).toString(), value.map(JsonValue::toString).orElse(""));
    }

    /** True if responses of this status (with or without value) are written from a template (for tests). */
    static boolean templated(final HttpStatus status, final boolean withValue) {
        return TEMPLATES.computeIfAbsent(withValue ? status.getCode() : -status.getCode(),
                code -> Template.of(status, withValue)).isPresent();
    }

    /** The rendered text cut at the markers, which it holds in the order topic, correlation id, path, value. */
    private record Template(String beforeTopic, String beforeCorrelationId, String beforePath, String beforeValue,
            String rest) {

        static Optional<Template> of(final HttpStatus status, final boolean withValue) {
            final String text = ProtocolMessages.renderResponse(ProtocolFactory.newTopicPath(TOPIC),
                    JsonPointer.of(PATH), status, withValue ? Optional.of(JsonValue.of(VALUE)) : Optional.empty(),
                    DittoHeaders.newBuilder().correlationId(CORRELATION_ID).build());
            final String[] markers = withValue
                    ? new String[] {rendered(TOPIC), rendered(CORRELATION_ID), rendered(PATH), rendered(VALUE)}
                    : new String[] {rendered(TOPIC), rendered(CORRELATION_ID), rendered(PATH)};
            final String[] parts = new String[5];
            int from = 0;
            for (int i = 0; i < markers.length; i++) {
                final int at = text.indexOf(markers[i], from);
                if (at < 0 || text.indexOf(markers[i], at + 1) >= 0) {
                    // not in the expected order, or not once: render every such response with Ditto's classes
                    return Optional.empty();
                }
                parts[i] = text.substring(from, at);
                from = at + markers[i].length();
            }
            parts[markers.length] = text.substring(from);
            return Optional.of(withValue ? new Template(parts[0], parts[1], parts[2], parts[3], parts[4])
                    : new Template(parts[0], parts[1], parts[2], "", parts[3]));
        }

        private static String rendered(final String marker) {
            return JsonValue.of(marker).toString();
        }

        String fill(final String topic, final String path, final String correlationId, final String value) {
            return new StringBuilder(beforeTopic.length() + topic.length() + beforeCorrelationId.length()
                    + correlationId.length() + beforePath.length() + path.length() + beforeValue.length()
                    + value.length() + rest.length())
                    .append(beforeTopic).append(topic).append(beforeCorrelationId).append(correlationId)
                    .append(beforePath).append(path).append(beforeValue).append(value).append(rest).toString();
        }
    }
}
