package io.twinbridge.gateway.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingSchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<Write> writes = new CopyOnWriteArrayList<>();

    record Write(String key, String batch, CompletableFuture<String> result) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    private CoalescingScheduler<String, String> scheduler(Duration window) {
        return new CoalescingScheduler<>(executor, window, (a, b) -> a + "+" + b, (key, batch) -> {
            Write w = new Write(key, batch, new CompletableFuture<>());
            writes.add(w);
            return w.result();
        });
    }

    private <T> T onExecutor(Callable<T> task) throws Exception {
        return executor.submit(task).get(5, TimeUnit.SECONDS);
    }

    @Test
    void withoutWindowTheFirstUpdateGoesOutAtOnceAndLaterOnesAreCoalescedBehindIt() throws Exception {
        CoalescingScheduler<String, String> s = scheduler(Duration.ZERO);
        CompletionStage<String> a = onExecutor(() -> s.submit("t1", "a"));
        CompletionStage<String> b = onExecutor(() -> s.submit("t1", "b"));
        CompletionStage<String> c = onExecutor(() -> s.submit("t1", "c"));

        assertEquals(1, writes.size(), "one write in flight per thing");
        assertEquals("a", writes.get(0).batch());

        writes.get(0).result().complete("ok1");
        await().atMost(Duration.ofSeconds(5)).until(() -> writes.size() == 2);
        assertEquals("b+c", writes.get(1).batch(), "what arrived meanwhile goes out as one write");
        assertEquals("ok1", a.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertFalse(b.toCompletableFuture().isDone());

        writes.get(1).result().complete("ok2");
        assertEquals("ok2", b.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals("ok2", c.toCompletableFuture().get(5, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(5)).until(() -> onExecutor(s::activeKeys) == 0);
        assertEquals(2L, onExecutor(s::writesSent));
        assertEquals(1L, onExecutor(s::updatesCoalesced));
    }

    @Test
    void aWindowGathersUpdatesBeforeTheFirstWrite() throws Exception {
        CoalescingScheduler<String, String> s = scheduler(Duration.ofMillis(50));
        // submit both in one task so that the window cannot expire in between
        onExecutor(() -> {
            s.submit("t1", "a");
            s.submit("t1", "b");
            return null;
        });
        assertTrue(writes.isEmpty(), "nothing is sent before the window closes");
        await().atMost(Duration.ofSeconds(5)).until(() -> writes.size() == 1);
        assertEquals("a+b", writes.get(0).batch());
    }

    @Test
    void keysAreIndependent() throws Exception {
        CoalescingScheduler<String, String> s = scheduler(Duration.ZERO);
        onExecutor(() -> s.submit("t1", "a"));
        onExecutor(() -> s.submit("t2", "x"));
        assertEquals(2, writes.size());
        assertEquals(List.of("t1", "t2"), writes.stream().map(Write::key).toList());
    }

    @Test
    void aFailedWriteFailsEveryUpdateInItAndTheNextBatchStillGoesOut() throws Exception {
        CoalescingScheduler<String, String> s = scheduler(Duration.ZERO);
        CompletionStage<String> a = onExecutor(() -> s.submit("t1", "a"));
        CompletionStage<String> b = onExecutor(() -> s.submit("t1", "b"));
        writes.get(0).result().completeExceptionally(new IllegalStateException("rejected"));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.toCompletableFuture().isCompletedExceptionally());
        await().atMost(Duration.ofSeconds(5)).until(() -> writes.size() == 2);
        writes.get(1).result().complete("ok");
        assertEquals("ok", b.toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void neverMoreThanOneWriteInFlightPerKeyUnderConcurrentLoad() throws Exception {
        ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        AtomicInteger maxSeen = new AtomicInteger();
        ScheduledExecutorService completer = Executors.newScheduledThreadPool(2);
        try {
            CoalescingScheduler<String, String> s = new CoalescingScheduler<>(executor, Duration.ZERO,
                    (a, b) -> a + "+" + b, (key, batch) -> {
                        int now = inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        maxSeen.accumulateAndGet(now, Math::max);
                        CompletableFuture<String> f = new CompletableFuture<>();
                        completer.schedule(() -> {
                            inFlight.get(key).decrementAndGet();
                            f.complete(batch);
                        }, 1, TimeUnit.MILLISECONDS);
                        return f;
                    });
            List<CompletableFuture<String>> all = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String key = "t" + (i % 7);
                String update = Integer.toString(i);
                all.add(onExecutor(() -> s.submit(key, update)).toCompletableFuture());
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertEquals(1, maxSeen.get());
            for (int i = 0; i < all.size(); i++) {
                String outcome = all.get(i).get();
                assertTrue(("+" + outcome + "+").contains("+" + i + "+"), "update " + i + " was in the write it waited for");
            }
            assertTrue(onExecutor(s::writesSent) < 2_000, "load was coalesced into fewer writes");
        } finally {
            completer.shutdownNow();
        }
    }
    /**
     * Issue 12: the window learns the round trip per command. Writes of 100 commands in a row (ingest: a write that
     * created its thing is three) that take 100 times the unloaded round trip leave W as it was; single commands that
     * take as long shrink it.
     */
    @Test
    void theWindowLearnsTheRoundTripPerCommand() throws Exception {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        for (boolean measured : new boolean[] {false, true}) {
            writes.clear();
            WriteWindow window = new WriteWindow(4, 16, 1_000);
            CoalescingScheduler<String, String> s = new CoalescingScheduler<>(executor, Duration.ZERO,
                    (a, b) -> a + "+" + b, (key, batch) -> {
                        Write w = new Write(key, batch, new CompletableFuture<>());
                        writes.add(w);
                        return w.result();
                    }, window, update -> 0, now::get, outcome -> outcome.equals("one command") ? 1 : 100);
            // rounds of 16 writes: the first round answers at 1 ms, every later one at 100 ms
            for (int round = 0; round < 20; round++) {
                int first = writes.size();
                for (int i = 0; i < 16; i++) {
                    String key = "t" + round + "-" + i;
                    onExecutor(() -> s.submit(key, "u"));
                }
                now.addAndGet(round == 0 || !measured ? 1_000_000 : 100_000_000);
                if (!measured) {
                    now.addAndGet(round == 0 ? 0 : 99_000_000);
                }
                for (int i = first; i < writes.size(); i++) {
                    writes.get(i).result().complete(measured ? "one command" : round == 0 ? "one command"
                            : "a hundred commands");
                }
                onExecutor(() -> null);
            }
            int limit = onExecutor(s::window);
            if (measured) {
                assertTrue(limit < 16, "W " + limit + " did not shrink on round trips 100 times the unloaded one");
            } else {
                assertTrue(limit >= 16, "W " + limit + " shrank on writes whose round trip per command stayed unloaded");
            }
        }
    }
}
