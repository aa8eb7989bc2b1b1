package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * The rules Ditto 3.9.6's gateway applies to a WebSocket message before it reaches an entity
 * ({@code WebSocketRoute.selectStreamControlOrSignal} and {@code buildSignal}, the protocol adapter's
 * {@code UnknownTopicPathException} and {@code UnknownPathException}, {@code StreamingSessionActor
 * .startAckregatorAndForward} with {@code AcknowledgementAggregatorActorStarter} and
 * {@code ThingModifyCommandAckRequestSetter}).
 */
@Tag("flow")
class WsProtocolRulesTest {

    @RegisterExtension
    final SandboxPerTest ditto = SandboxPerTest.defaults();

    @BeforeEach
    void start() {
    }

    private static String message(final String topic, final String headers, final String path, final String value) {
        return "{\"topic\":\"" + topic + "\",\"headers\":{" + headers + "},\"path\":\"" + path + "\""
                + (value.isEmpty() ? "" : ",\"value\":" + value) + "}";
    }

    private static String string(final JsonObject message, final String pointer) {
        return message.getValue(pointer).orElseThrow().asString();
    }

    private static int status(final JsonObject message) {
        return message.getValue("status").orElseThrow().asInt();
    }

    /** Waits for the next error whose value has this error code. */
    private static JsonObject awaitError(final WsTestClient client, final String code) {
        return JsonFactory.newObject(client.awaitText(t -> t.contains("\"" + code + "\"")));
    }

    private static void create(final WsTestClient client, final String thing) {
        client.send(message("org.example/" + thing + "/things/twin/commands/create", "\"correlation-id\":\"new\"",
                "/", "{\"attributes\":{\"a\":0}}"));
        assertEquals(201, status(client.awaitCorrelated("new")));
    }

    /** A session on which the thing org.example:valve has been created with attribute a = 0. */
    private WsTestClient connectedWithValve() throws Exception {
        final WsTestClient client = WsTestClient.connect(ditto.get(), "ditto", "ditto");
        try {
            create(client, "valve");
            return client;
        } catch (final RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** A command that modifies the valve's attribute a. */
    private static String modifyA(final String headers, final String value) {
        return message("org.example/valve/things/twin/commands/modify", headers, "/attributes/a", value);
    }

    private static int attribute(final WsTestClient client, final String thing) {
        final String cid = UUID.randomUUID().toString();
        client.send(message("org.example/" + thing + "/things/twin/commands/retrieve",
                "\"correlation-id\":\"" + cid + "\"", "/attributes/a", ""));
        return client.awaitCorrelated(cid).getValue("value").orElseThrow().asInt();
    }

    @Test
    void unknownTopicActionIsProtocolAdapterUnknownTopicPath() throws Exception {
        try (WsTestClient client = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            client.send(message("org.example/valve/things/twin/commands/frobnicate", "\"correlation-id\":\"t1\"",
                    "/", ""));
            // ImmutableTopicPath parsing fails with the message's headers (ImmutableJsonifiableAdaptable.fromJson);
            // ThingErrorResponse.of finds no entity id: unknown:unknown
            final JsonObject error = client.awaitCorrelated("t1");
            assertEquals("unknown/unknown/things/twin/errors", string(error, "topic"));
            assertEquals(400, status(error));
            assertEquals("protocoladapter:unknown.topicpath", string(error, "value/error"));
        }
    }

    @Test
    void unknownPathIsProtocolAdapterUnknownPathWithoutTheMessagesHeaders() throws Exception {
        try (WsTestClient client = connectedWithValve()) {
            client.send(message("org.example/valve/things/twin/commands/modify", "\"correlation-id\":\"p1\"",
                    "/nonsense/a", "1"));
            // ThingModifyPathMatcher throws before the adapter reads the headers (AbstractAdapter.getType)
            final JsonObject error = awaitError(client, "protocoladapter:unknown.path");
            assertEquals("unknown/unknown/things/twin/errors", string(error, "topic"));
            assertEquals(400, status(error));
            assertTrue(error.getValue("headers/correlation-id").isEmpty());

            client.send(message("org.example/valve/policies/commands/modify", "\"correlation-id\":\"p2\"",
                    "/nonsense", "1"));
            org.awaitility.Awaitility.await().until(() -> client.received().stream()
                    .filter(m -> m.contains("protocoladapter:unknown.path")).count() == 2);
            final JsonObject policyError = JsonFactory.newObject(client.received().stream()
                    .filter(m -> m.contains("protocoladapter:unknown.path")).reduce((a, b) -> b).orElseThrow());
            assertEquals("unknown/unknown/things/twin/errors", string(policyError, "topic"));
        }
    }

    @Test
    void notJsonAndEmptyMessagesAreJsonInvalidOnUnknownEntity() throws Exception {
        try (WsTestClient client = WsTestClient.connect(ditto.get(), "ditto", "ditto")) {
            client.send("{\"topic\":");
            final JsonObject error = awaitError(client, "json.invalid");
            assertEquals("unknown/unknown/things/twin/errors", string(error, "topic"));
            assertEquals(400, status(error));
        }
    }

    @Test
    void queryWithResponseRequiredFalseIsRefusedEvenThoughNoResponseWasAskedFor() throws Exception {
        try (WsTestClient client = connectedWithValve()) {
            client.send(message("org.example/valve/things/twin/commands/retrieve",
                    "\"correlation-id\":\"q1\",\"response-required\":false", "/", ""));
            // AbstractCommand.validateHeaders, raised while the adapter builds the command
            final JsonObject error = awaitError(client, "command.headers.invalid");
            assertEquals(400, status(error));
        }
    }

    @Test
    void aCommandWithoutCorrelationIdGetsAGeneratedOneInItsResponse() throws Exception {
        try (WsTestClient client = connectedWithValve()) {
            client.send(modifyA("", "7"));
            // WebSocketRoute.buildSignal: "generate correlation ID if it is not set in protocol message"
            final JsonObject response = JsonFactory.newObject(client.awaitText(
                    t -> t.contains("\"status\":204")));
            final String generated = string(response, "headers/correlation-id");
            assertFalse(generated.isBlank());
            assertEquals(generated, UUID.fromString(generated).toString());
            assertEquals(7, attribute(client, "valve"));
        }
    }

    @Test
    void requestedAcksWithResponseRequiredFalseIsRefusedAndNothingIsApplied() throws Exception {
        try (WsTestClient client = connectedWithValve()) {
            client.send(modifyA("\"correlation-id\":\"a1\","
                    + "\"response-required\":false,\"requested-acks\":[\"twin-persisted\"]", "5"));
            // StreamingSessionActor.checkForAcksWithoutResponse: sent although no response was required
            final JsonObject error = client.awaitCorrelated("a1");
            assertEquals("org.example/valve/things/twin/errors", string(error, "topic"));
            assertEquals(400, status(error));
            assertEquals("header.invalid", string(error, "value/error"));
            assertEquals("For WebSocket, it is forbidden to request acknowledgements while 'response-required' is "
                    + "set to false.", string(error, "value/message"));
            assertEquals(0, attribute(client, "valve"));

            // requested-acks [] with response-required=false is fine: applied, nothing answered
            client.send(modifyA("\"correlation-id\":\"a2\","
                    + "\"response-required\":false,\"requested-acks\":[]", "6"));
            assertEquals(6, org.awaitility.Awaitility.await().until(() -> attribute(client, "valve"), v -> v == 6));
            assertTrue(client.received().stream().noneMatch(t -> t.contains("\"a2\"")));
        }
    }

    @Test
    void timeoutZeroMeansNoResponseAndIsRefusedWithAResponseRequired() throws Exception {
        try (WsTestClient client = connectedWithValve()) {
            // ThingModifyCommandAckRequestSetter: timeout 0 without response-required means no response
            client.send(modifyA("\"correlation-id\":\"z1\",\"timeout\":\"0\"", "3"));
            org.awaitility.Awaitility.await().until(() -> attribute(client, "valve"), v -> v == 3);
            assertTrue(client.received().stream().noneMatch(t -> t.contains("\"z1\"")));

            // AcknowledgementAggregatorActorStarter.isTimeoutHeaderInvalid
            client.send(modifyA("\"correlation-id\":\"z2\",\"timeout\":\"0\",\"response-required\":true", "4"));
            final JsonObject error = client.awaitCorrelated("z2");
            assertEquals(400, status(error));
            assertEquals("header.invalid", string(error, "value/error"));
            assertEquals(3, attribute(client, "valve"));
        }
    }
}
