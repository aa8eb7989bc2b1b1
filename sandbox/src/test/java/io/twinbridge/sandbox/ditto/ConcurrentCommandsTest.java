package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Commands of several sessions on one thing, pipelined, run on several event loops under per-thing locks: every
 * change gets the next revision, and a subscriber sees the thing's events in revision order (Ditto: one persistence
 * actor per thing applies its commands one after another).
 */
@Tag("flow")
class ConcurrentCommandsTest {

    private static final int SESSIONS = 3;
    private static final int MERGES = 60;

    private static String merge(final String thing, final int n, final String cid) {
        return "{\"topic\":\"org.example/" + thing + "/things/twin/commands/merge\",\"headers\":{"
                + "\"content-type\":\"application/merge-patch+json\",\"correlation-id\":\"" + cid + "\","
                + "\"condition\":\"or(not(exists(attributes/n)),gt(attributes/n,-1))\"},"
                + "\"path\":\"/attributes\",\"value\":{\"n\":" + n + "}}";
    }

    @Test
    void pipelinedMergesFromSeveralSessionsGetConsecutiveRevisionsInOrder() throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
             WsTestClient observer = WsTestClient.connect(sandbox, "ditto", "ditto")) {
            observer.startSendEvents("namespaces=org.example");
            final List<WsTestClient> writers = new ArrayList<>();
            try {
                for (int s = 0; s < SESSIONS; s++) {
                    writers.add(WsTestClient.connect(sandbox, "ditto", "ditto"));
                }
                for (final String thing : List.of("a", "b")) {
                    writers.get(0).send("{\"topic\":\"org.example/" + thing + "/things/twin/commands/create\","
                            + "\"headers\":{\"correlation-id\":\"create-" + thing + "\"},\"path\":\"/\",\"value\":{}}");
                    writers.get(0).awaitCorrelated("create-" + thing);
                }
                for (int i = 0; i < MERGES; i++) {
                    for (int s = 0; s < SESSIONS; s++) {
                        writers.get(s).send(merge(i % 2 == 0 ? "a" : "b", i, "m-" + s + "-" + i));
                    }
                }
                for (int s = 0; s < SESSIONS; s++) {
                    final WsTestClient writer = writers.get(s);
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                            .until(() -> writer.received().stream().filter(t -> t.contains("\"m-")).count() >= MERGES);
                    final List<Integer> statuses = writer.received().stream().filter(t -> t.contains("\"m-"))
                            .map(JsonFactory::newObject)
                            .map(o -> o.getValue("status").orElseThrow().asInt()).toList();
                    assertEquals(java.util.Collections.nCopies(MERGES, 204), statuses);
                }
            } finally {
                for (final WsTestClient writer : writers) {
                    writer.close();
                }
            }
            for (final String thing : List.of("a", "b")) {
                final long last = sandbox.store().thing(ThingId.of("org.example:" + thing)).orElseThrow().revision();
                assertEquals(1 + SESSIONS * MERGES / 2, last, "revision of " + thing);
                final String lastCid = "m-" + (SESSIONS - 1) + "-" + (thing.equals("a") ? MERGES - 2 : MERGES - 1);
                observer.awaitText(t -> t.contains("\"" + lastCid + "\"") && t.contains("/events/"));
                final List<Long> revisions = observer.received().stream()
                        .filter(t -> t.contains("org.example/" + thing + "/things/twin/events/merged"))
                        .map(t -> JsonFactory.newObject(t).getValue("revision").orElseThrow().asLong()).toList();
                final List<Long> expected = new ArrayList<>();
                for (long r = 2; r <= last; r++) {
                    expected.add(r);
                }
                assertEquals(expected, revisions, "events of " + thing + " in revision order, none missing");
            }
        }
    }
}
