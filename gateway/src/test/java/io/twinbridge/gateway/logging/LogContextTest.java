package io.twinbridge.gateway.logging;

import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.core.impl.ContextDataInjectorFactory;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogContextTest {
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        other.shutdownNow();
        other.awaitTermination(5, TimeUnit.SECONDS);
        ThreadContext.clearMap();
    }

    @Test
    void closingRestoresWhatTheThreadHeldSoNothingLeaksToTheNextRecord() {
        try (CloseableThreadContext.Instance record = LogContext.of("acme", null, "cid-1")) {
            try (CloseableThreadContext.Instance thing = LogContext.of(null, "acme:WTG-1", null)) {
                assertEquals("acme", ThreadContext.get(LogContext.TENANT));
                assertEquals("acme:WTG-1", ThreadContext.get(LogContext.THING_ID));
                assertEquals("cid-1", ThreadContext.get(LogContext.CORRELATION_ID));
            }
            assertNull(ThreadContext.get(LogContext.THING_ID));
            assertEquals("cid-1", ThreadContext.get(LogContext.CORRELATION_ID));
        }
        assertNull(ThreadContext.get(LogContext.TENANT));
        assertNull(ThreadContext.get(LogContext.CORRELATION_ID));
    }

    @Test
    void aCarriedCallbackRunsInTheContextOfItsCreatorOnAnotherThread() throws Exception {
        List<String> seen = new ArrayList<>();
        BiConsumer<String, Throwable> callback;
        try (CloseableThreadContext.Instance ignored = LogContext.of("globex", "globex:AHU-2", "cid-2")) {
            callback = LogContext.carried((value, error) -> seen.add(ThreadContext.get(LogContext.TENANT) + " "
                    + ThreadContext.get(LogContext.THING_ID) + " " + ThreadContext.get(LogContext.CORRELATION_ID)));
        }
        CompletableFuture.supplyAsync(() -> "x", other).whenComplete(callback).get(5, TimeUnit.SECONDS);
        String afterwards = CompletableFuture.supplyAsync(() -> ThreadContext.get(LogContext.TENANT), other)
                .get(5, TimeUnit.SECONDS);

        assertEquals(List.of("globex globex:AHU-2 cid-2"), seen);
        assertNull(afterwards, "the callback's context stayed on the pool thread");
    }

    @Test
    void aTaskContextIsOnTheLinesLoggedInTheTaskAndGoneAfterIt() {
        try (LogContext.Task task = LogContext.task("acme", null, "cid-3")) {
            assertEquals(Map.of("tenant", "acme", "correlationId", "cid-3"), logEventContext());
            task.thing("acme:WTG-1");
            assertEquals(Map.of("tenant", "acme", "thingId", "acme:WTG-1", "correlationId", "cid-3"),
                    logEventContext());
        }
        try (LogContext.Task ignored = LogContext.task("globex", "globex:AHU-2", null)) {
            assertEquals(Map.of("tenant", "globex", "thingId", "globex:AHU-2"), logEventContext());
        }
        assertEquals(Map.of(), logEventContext(), "nothing leaks to the next task");
        assertEquals(0, ThreadContext.getContext().size(), "a task does not touch the thread context map");
    }

    @Test
    void insideATaskTheThreadContextWinsAndACarriedCallbackTakesTheTaskAlong() throws Exception {
        BiConsumer<String, Throwable> callback;
        List<Map<String, String>> seen = new ArrayList<>();
        try (LogContext.Task ignored = LogContext.task("acme", "acme:WTG-1", "cid-4")) {
            try (CloseableThreadContext.Instance inner = LogContext.of(null, "acme:WTG-2", null)) {
                assertEquals(Map.of("tenant", "acme", "thingId", "acme:WTG-2", "correlationId", "cid-4"),
                        logEventContext());
            }
            callback = LogContext.carried((value, error) -> seen.add(logEventContext()));
        }
        CompletableFuture.supplyAsync(() -> "x", other).whenComplete(callback).get(5, TimeUnit.SECONDS);

        assertEquals(List.of(Map.of("tenant", "acme", "thingId", "acme:WTG-1", "correlationId", "cid-4")), seen);
    }

    /** The context data log4j puts into an event logged on this thread now (its injector, with every provider). */
    private static Map<String, String> logEventContext() {
        StringMap data = ContextDataInjectorFactory.createInjector().injectContextData(null,
                new SortedArrayStringMap());
        return new TreeMap<>(data.toMap());
    }
}
