package io.twinbridge.sandbox.ditto.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;
import org.junit.jupiter.api.Test;

/** A response written from a template is the text Ditto's {@code JsonifiableAdaptable} renders, byte for byte. */
class ResponseTemplatesTest {

    private static final List<String> CORRELATION_IDS = List.of("m-1-1700000000001", "with \"quotes\" and \\",
            "ünïcödé ✓", "tab\tnewline\ncontrol\u0001", "sandboxmarker-correlation-id");
    private static final List<Optional<JsonValue>> VALUES = List.of(Optional.empty(),
            Optional.of(JsonFactory.newObject("{\"thingId\":\"acme:t\",\"features\":{\"a\":{\"properties\":{"
                    + "\"x\":1.5,\"s\":\"\\\"q\\\"\"}}}}")),
            Optional.of(JsonValue.of("a \"string\"")), Optional.of(JsonValue.nullLiteral()), Optional.of(JsonValue.of(7)));

    @Test
    void theTemplatedResponseIsDittosRendering() {
        final List<TopicPath> topics = List.of(
                ProtocolFactory.newTopicPath("acme/bench-1/things/twin/commands/merge"),
                ProtocolFactory.newTopicPath("org.eclipse/we\"ird\\name/things/twin/commands/create"),
                ProtocolFactory.newTopicPath("acme/p-1/policies/commands/modify"));
        final List<JsonPointer> paths = List.of(JsonPointer.empty(), JsonPointer.of("/features"),
                JsonPointer.of("/attributes/a b/\"c\""));
        for (final TopicPath topic : topics) {
            for (final JsonPointer path : paths) {
                for (final String id : CORRELATION_IDS) {
                    for (final Optional<JsonValue> value : VALUES) {
                        for (final HttpStatus status : List.of(HttpStatus.NO_CONTENT, HttpStatus.CREATED,
                                HttpStatus.OK)) {
                            final DittoHeaders headers = DittoHeaders.newBuilder().correlationId(id).build();
                            assertEquals(ProtocolMessages.renderResponse(topic, path, status, value, headers),
                                    ProtocolMessages.response(topic, path, status, value, headers));
                        }
                    }
                }
            }
        }
    }

    @Test
    void theCommonResponsesAreTemplated() {
        assertTrue(ResponseTemplates.templated(HttpStatus.NO_CONTENT, false));
        assertTrue(ResponseTemplates.templated(HttpStatus.CREATED, true));
        assertTrue(ResponseTemplates.templated(HttpStatus.OK, true));
    }
}
