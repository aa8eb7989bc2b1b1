package io.twinbridge.sandbox.ditto;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.time.Duration;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Custom acknowledgements as Ditto's documentation describes them: a session declares a label on its upgrade, the
 * events of commands that request it carry it in {@code requested-acks}, and the command's answer waits for it.
 */
@Tag("flow")
class AcknowledgementsTest {

    private static final String LABEL = "egress-test";

    private static String merge(final String thing, final String cid, final String acks, final String timeout) {
        return "{\"topic\":\"org.example/" + thing + "/things/twin/commands/merge\",\"headers\":{"
                + "\"content-type\":\"application/merge-patch+json\",\"correlation-id\":\"" + cid + "\","
                + "\"requested-acks\":" + acks + ",\"timeout\":\"" + timeout + "\"},"
                + "\"path\":\"/attributes\",\"value\":{\"rpm\":" + cid.length() + "}}";
    }

    private static String create(final String thing, final String cid) {
        return "{\"topic\":\"org.example/" + thing + "/things/twin/commands/create\",\"headers\":{"
                + "\"correlation-id\":\"" + cid + "\"},\"path\":\"/\",\"value\":{\"attributes\":{}}}";
    }

    private static String ack(final String thing, final String cid, final int status) {
        return "{\"topic\":\"org.example/" + thing + "/things/twin/acks/" + LABEL + "\",\"headers\":{"
                + "\"correlation-id\":\"" + cid + "\"},\"path\":\"/\",\"status\":" + status + "}";
    }

    private static int status(final JsonObject message) {
        return message.getValue("status").orElseThrow().asInt();
    }

    private static int ackStatus(final JsonObject message, final String label) {
        return message.getValue(JsonPointer.of("/value/" + label + "/status")).orElseThrow().asInt();
    }

    /** What a test does with a writer session and an egress session that declares {@link #LABEL}. */
    @FunctionalInterface
    private interface WriterAndEgress {
        void run(WsTestClient writer, WsTestClient egress) throws Exception;
    }

    /**
     * Starts a sandbox, connects a writer and an egress session that declares {@link #LABEL} and gets the events
     * that {@code eventFilter} selects, creates {@code thing}, then runs {@code test}.
     */
    private static void withCreatedThing(final String eventFilter, final String thing, final WriterAndEgress test)
            throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
             WsTestClient writer = WsTestClient.connect(sandbox, "ditto", "ditto");
             WsTestClient egress = WsTestClient.connect(sandbox, "ditto", "ditto", "[\"" + LABEL + "\"]")) {
            egress.startSendEvents(eventFilter);
            writer.send(create(thing, "c0"));
            writer.awaitCorrelated("c0");
            test.run(writer, egress);
        }
    }

    @Test
    void theAnswerWaitsForTheDeclaredLabelAndAggregatesLikeDitto() throws Exception {
        withCreatedThing("namespaces=org.example", "pump-1", (writer, egress) -> {
            // acknowledged with 200: aggregated answer with both labels, status 200
            writer.send(merge("pump-1", "ok-1", "[\"twin-persisted\",\"" + LABEL + "\"]", "5s"));
            final JsonObject event = egress.awaitCorrelated("ok-1");
            assertEquals("[\"" + LABEL + "\"]", event.getValue("headers/requested-acks").orElseThrow().toString());
            assertTrue(writer.received().stream().noneMatch(t -> t.contains("ok-1")), "no answer before the ack");
            egress.send(ack("pump-1", "ok-1", 200));
            final JsonObject answer = writer.awaitCorrelated("ok-1");
            assertEquals("org.example/pump-1/things/twin/acks", answer.getValue("topic").orElseThrow().asString());
            assertEquals(200, status(answer));
            assertEquals(204, ackStatus(answer, "twin-persisted"));
            assertEquals(200, ackStatus(answer, LABEL));

            // acknowledged with a failure: 424 Failed Dependency, as Ditto combines several acks
            writer.send(merge("pump-1", "fail-22", "[\"twin-persisted\",\"" + LABEL + "\"]", "5s"));
            egress.awaitCorrelated("fail-22");
            egress.send(ack("pump-1", "fail-22", 503));
            final JsonObject failed = writer.awaitCorrelated("fail-22");
            assertEquals(424, status(failed));
            assertEquals(503, ackStatus(failed, LABEL));

            // never acknowledged: the label times out with 408 after the command's timeout
            writer.send(merge("pump-1", "late-333", "[\"twin-persisted\",\"" + LABEL + "\"]", "500ms"));
            final JsonObject timedOut = writer.awaitCorrelated("late-333");
            assertEquals(424, status(timedOut));
            assertEquals(408, ackStatus(timedOut, LABEL));
            assertEquals(204, ackStatus(timedOut, "twin-persisted"));
        });
    }

    @Test
    void aSubscriberThatDoesNotGetTheEventAcknowledgesWeakly() throws Exception {
        withCreatedThing("namespaces=other.namespace", "pump-2", (writer, egress) -> {
            writer.send(merge("pump-2", "weak", "[\"" + LABEL + "\"]", "10s"));

            final JsonObject answer = writer.awaitCorrelated("weak");
            assertEquals(200, status(answer));
            assertEquals("true", answer.getValue(JsonPointer.of("/value/" + LABEL + "/headers/ditto-weak-ack"))
                    .orElseThrow().formatAsString());
            assertTrue(egress.received().stream().noneMatch(t -> t.contains("\"weak\"")));
        });
    }

    @Test
    void aLabelIsDeclaredByOneSessionOnlyAndOnlyItsOwnerMayAcknowledgeIt() throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
             WsTestClient first = WsTestClient.connect(sandbox, "ditto", "ditto", "[\"" + LABEL + "\"]");
             WsTestClient second = WsTestClient.connect(sandbox, "ditto", "ditto", "[\"" + LABEL + "\"]");
             WsTestClient stranger = WsTestClient.connect(sandbox, "ditto", "ditto")) {
            // the sessions' declarations are handled on their own event loops, so either may come first: the one
            // that comes second is refused, and only that one
            await().atMost(Duration.ofSeconds(20)).until(() -> refusedLabel(first) || refusedLabel(second));
            final WsTestClient loser = refusedLabel(first) ? first : second;
            final WsTestClient owner = loser == first ? second : first;
            final String refused = loser.received().stream().filter(t -> t.contains("acknowledgement:label.not.unique"))
                    .findFirst().orElseThrow();
            // StreamingSessionActor.declareAcknowledgementLabels publishes it as ThingErrorResponse.of (no entity)
            assertEquals("unknown/unknown/things/twin/errors",
                    JsonFactory.newObject(refused).getValue("topic").orElseThrow().asString());
            assertFalse(refusedLabel(owner), "only one of the two sessions is refused");
            // as Ditto's StreamingSessionActor: the session stays open, without the label
            assertTrue(!loser.isClosed());

            // StreamingSessionActor.ackLabelNotDeclared publishes the error although an acknowledgement never
            // requires a response
            stranger.send(ack("pump-3", "x", 200));
            stranger.awaitText(t -> t.contains("acknowledgement:label.not.declared"));
            assertTrue(!owner.isClosed());
        }
    }

    private static boolean refusedLabel(final WsTestClient client) {
        return client.received().stream().anyMatch(t -> t.contains("acknowledgement:label.not.unique"));
    }
}
