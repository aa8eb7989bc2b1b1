package io.twinbridge.sandbox.ditto.ws;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/** Commands on one entity keep their order on one loop; other entities run on other loops. */
class CommandLoopsTest {

    @Test
    void entityKeyIsTheTopicsNamespaceAndNameWithoutParsingTheJson() {
        assertEquals("acme/WTG-1", CommandLoops.entityKey(
                "{\"topic\":\"acme/WTG-1/things/twin/commands/merge\",\"headers\":{},\"path\":\"/\"}"));
        assertEquals("acme/p", CommandLoops.entityKey("{ \"topic\" : \"acme/p/policies/commands/create\"}"));
        assertEquals("", CommandLoops.entityKey("{\"headers\":{}}"));
        assertEquals("", CommandLoops.entityKey("{\"topic\":\"nonsense\"}"));
        assertEquals("", CommandLoops.entityKey("not json"));
    }

    @Test
    void oneEntitysCommandsRunInOrderAndOtherEntitiesOnOtherThreads() throws Exception {
        final Vertx vertx = Vertx.vertx();
        try {
            final CommandLoops loops = CommandLoops.on(vertx, 4);
            final List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            final Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 2_000; i++) {
                final int n = i;
                loops.execute("acme/thing-a", () -> order.add(n));
            }
            // keys spread over the loops: more than one thread runs them
            IntStream.range(0, 64).forEach(i -> loops.execute("acme/thing-" + i,
                    () -> threads.add(Thread.currentThread().getName())));
            await().atMost(Duration.ofSeconds(30)).until(() -> order.size() == 2_000);
            assertEquals(IntStream.range(0, 2_000).boxed().toList(), List.copyOf(order));
            await().atMost(Duration.ofSeconds(30)).until(() -> threads.size() > 1);
            assertNotEquals(1, threads.size());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
