package io.twinbridge.gateway.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecyclesTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private Lifecycle part(String name, CompletableFuture<Void> start, CompletableFuture<Void> stop) {
        return Lifecycle.of(name, () -> {
            calls.add("start " + name);
            return start;
        }, () -> {
            calls.add("stop " + name);
            return stop;
        });
    }

    private Lifecycle part(String name) {
        return part(name, CompletableFuture.completedFuture(null), CompletableFuture.completedFuture(null));
    }

    @Test
    void startsInOrderEachAfterThePreviousAndStopsInReverse() throws Exception {
        CompletableFuture<Void> firstStarted = new CompletableFuture<>();
        Lifecycles parts = new Lifecycles(List.of(part("a", firstStarted, CompletableFuture.completedFuture(null)),
                part("b"), part("c")));

        CompletableFuture<Void> started = parts.start().toCompletableFuture();
        assertEquals(List.of("start a"), calls, "b waits until a has started");
        firstStarted.complete(null);
        started.get(5, TimeUnit.SECONDS);
        parts.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertEquals(List.of("start a", "start b", "start c", "stop c", "stop b", "stop a"), calls);
    }

    @Test
    void aFailedStartStopsWhatStartedThroughTheSameStopAndFailsWithItsCause() {
        IllegalStateException cause = new IllegalStateException("port taken");
        Lifecycles parts = new Lifecycles(List.of(part("a"),
                part("b", CompletableFuture.failedFuture(cause), CompletableFuture.completedFuture(null)), part("c")));

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> parts.start().toCompletableFuture().get(5, TimeUnit.SECONDS));

        assertSame(cause, failed.getCause());
        assertEquals(List.of("start a", "start b", "stop b", "stop a"), calls, "c never starts; b may hold a half");
        parts.stop().toCompletableFuture().join();
        assertEquals(4, calls.size(), "a second stop stops nothing more");
    }

    @Test
    void aFailedStopDoesNotKeepTheOtherPartsRunning() throws Exception {
        Lifecycles parts = new Lifecycles(List.of(part("a"),
                part("b", CompletableFuture.completedFuture(null), CompletableFuture.failedFuture(new RuntimeException())),
                part("c")));
        parts.start().toCompletableFuture().get(5, TimeUnit.SECONDS);

        parts.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertEquals(List.of("start a", "start b", "start c", "stop c", "stop b", "stop a"), calls);
    }
}
