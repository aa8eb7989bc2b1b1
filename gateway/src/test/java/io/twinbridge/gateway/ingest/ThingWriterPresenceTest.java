package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.ThingWriterKit.ACME;
import static io.twinbridge.gateway.ingest.ThingWriterKit.turbine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.mapping.TimedValue;
import io.twinbridge.gateway.mapping.TwinPatch;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A write to a thing the writer has not seen starts with the create while most unseen things turn out new (a fleet
 * being onboarded: one command per new twin instead of a merge answered 404 and the create), and with the merge while
 * most exist (a restart on a running fleet). Against a twin service that answers as Ditto does: a merge of a missing
 * thing 404, a create of an existing one 409.
 */
class ThingWriterPresenceTest {
    private final ScheduledExecutorService pipeline = Executors.newSingleThreadScheduledExecutor();
    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    /** Each command as "merge acme:x" or "create acme:x". */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final ThingWriter writer = ThingWriterKit.writer(twinService(), pipeline, Optional.empty());

    @AfterEach
    void stop() {
        pipeline.shutdownNow();
    }

    private DittoPort twinService() {
        return (DittoPort) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DittoPort.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "mergeThing" -> {
                        String id = args[0].toString();
                        sent.add("merge " + id);
                        yield existing.contains(id) ? CompletableFuture.completedFuture(null)
                                : CompletableFuture.failedFuture(new DittoPortException(404,
                                ErrorClassifier.THING_NOT_FOUND, "not found"));
                    }
                    case "createThing" -> {
                        String id = ((JsonObject) args[0]).getValue("thingId").orElseThrow().asString();
                        sent.add("create " + id);
                        yield existing.add(id) ? CompletableFuture.completedFuture(args[0])
                                : CompletableFuture.failedFuture(new DittoPortException(409,
                                ErrorClassifier.THING_CONFLICT, "exists"));
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Writes one update to each of {@code devices} in turn; the commands each write took. */
    private List<Integer> writeEach(List<String> devices) throws Exception {
        List<Integer> commands = new ArrayList<>();
        for (String device : devices) {
            TwinPatch patch = TwinPatch.builder(device, 2_000L).put("rotor", "speedRpm", new TimedValue(12.5, 1_000L))
                    .build();
            WriteOutcome outcome = writer.write("acme:" + device, new TwinUpdate(ACME, turbine(), patch, "c"))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            commands.add(assertInstanceOf(WriteOutcome.Applied.class, outcome).commands());
        }
        return commands;
    }

    private static List<String> devices(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    @Test
    void whileNewTwinsComeInARowTheCreateGoesFirstAndTakesOneCommand() throws Exception {
        List<Integer> commands = writeEach(devices("NEW-", 40));

        // from "all exist": merge + create until about 14 new things in a row were seen, then the create alone
        assertEquals(List.of(2, 2, 2), commands.subList(0, 3));
        int firstCreateFirst = commands.indexOf(1);
        assertTrue(firstCreateFirst >= 10 && firstCreateFirst <= 20, "switched after " + firstCreateFirst);
        assertTrue(commands.subList(firstCreateFirst, 40).stream().allMatch(c -> c == 1), commands.toString());
        assertEquals("create acme:NEW-39", sent.get(sent.size() - 1));
        assertEquals(40, existing.size());
    }

    @Test
    void aKnownTwinIsMergedEvenWhileNewOnesAreCreatedFirst() throws Exception {
        writeEach(devices("NEW-", 30));
        sent.clear();

        assertEquals(List.of(1), writeEach(List.of("NEW-3")), "seen before: the merge alone");
        assertEquals(List.of("merge acme:NEW-3"), sent);
    }

    @Test
    void existingTwinsOfARestartedGatewayAreMergedAndAWrongGuessFallsBackToTheMerge() throws Exception {
        devices("OLD-", 40).forEach(d -> existing.add("acme:" + d));

        assertTrue(writeEach(devices("OLD-", 40)).stream().allMatch(c -> c == 1), "merges only, never a create");
        assertTrue(sent.stream().allMatch(s -> s.startsWith("merge")));

        // onboarding, then existing things again: a create that finds the twin (409) goes on as the merge, and soon
        // the merge goes first again
        writeEach(devices("NEW-", 30));
        existing.addAll(devices("LATE-", 40).stream().map(d -> "acme:" + d).toList());
        sent.clear();
        List<Integer> commands = writeEach(devices("LATE-", 40));
        assertEquals(2, commands.get(0), "create 409, then the conditional merge");
        assertEquals(List.of("create acme:LATE-0", "merge acme:LATE-0"), sent.subList(0, 2));
        // after 30 new things in a row the share of new ones is about 0.79: about 9 existing ones bring it under half
        int mergeFirstAgain = commands.indexOf(1);
        assertTrue(mergeFirstAgain >= 5 && mergeFirstAgain <= 20, "switched back after " + mergeFirstAgain);
        assertTrue(commands.subList(mergeFirstAgain, 40).stream().allMatch(c -> c == 1), commands.toString());
    }

    @Test
    void thePresenceMemoryIsBounded() {
        ThingPresence presence = new ThingPresence(3);
        for (int i = 0; i < 5; i++) {
            presence.exists(ThingId.of("acme:d" + i));
        }
        assertTrue(presence.isKnown(ThingId.of("acme:d4")));
        assertTrue(!presence.isKnown(ThingId.of("acme:d0")), "forgotten when the memory started afresh");
    }
}
