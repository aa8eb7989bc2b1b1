package io.twinbridge.gateway.logging;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.ThreadContext;

/**
 * The context of a flow on every log line it writes: {@code tenant}, {@code thingId} and {@code correlationId} in
 * the logging MDC (log4j's ThreadContext), which both log formats print.
 *
 * <p>Open it with try-with-resources around one unit of work; closing restores what the thread held before, so
 * nothing leaks to the next record. Work that hops threads (a Kafka or Ditto callback, a scheduled retry) takes a
 * {@link #capture() snapshot} along and reopens it there.
 */
public final class LogContext {
    public static final String TENANT = "tenant";
    public static final String THING_ID = "thingId";
    public static final String CORRELATION_ID = "correlationId";

    private static final Task TASK = new Task();

    private LogContext() {
    }

    /** Puts the given values; a {@code null} value leaves that key as it is (e.g. the thing is not known yet). */
    public static CloseableThreadContext.Instance of(String tenant, String thingId, String correlationId) {
        Map<String, String> values = new HashMap<>(4);
        putIfPresent(values, TENANT, tenant);
        putIfPresent(values, THING_ID, thingId);
        putIfPresent(values, CORRELATION_ID, correlationId);
        return CloseableThreadContext.putAll(values);
    }

    /**
     * For the top of a task on a thread that holds none of the flow's keys (a worker's task per event, a record on
     * ingest's decode thread): the values go into three fields of the thread, which log4j reads only when a line is
     * logged ({@link TaskContextData}), and are cleared on close. Putting them into log4j's thread context map instead
     * (a copy of the map per change) cost about a quarter of ingest's decode thread.
     */
    public static Task task(String tenant, String thingId, String correlationId) {
        TaskContextData.set(tenant, thingId, correlationId);
        return TASK;
    }

    /** Clears the task's values when the task ends. */
    public static final class Task implements AutoCloseable {
        private Task() {
        }

        /** Adds the thing, once it is known, until the task ends. */
        public void thing(String thingId) {
            TaskContextData.set(TaskContextData.THING_ID, thingId);
        }

        @Override
        public void close() {
            TaskContextData.clear();
        }
    }

    /** The flow's context on this thread now, to reopen on another thread. */
    public static Snapshot capture() {
        return new Snapshot(current(TENANT), current(THING_ID), current(CORRELATION_ID));
    }

    /** The value a line logged now would carry: the thread context's, else the task's. */
    private static String current(String key) {
        String value = ThreadContext.get(key);
        return value != null ? value : TaskContextData.get(key);
    }

    /** A callback that runs in the context of the thread that created it. */
    public static <T, U> BiConsumer<T, U> carried(BiConsumer<T, U> callback) {
        Snapshot snapshot = capture();
        return (t, u) -> {
            try (CloseableThreadContext.Instance ignored = snapshot.open()) {
                callback.accept(t, u);
            }
        };
    }

    /** A task that runs in the context of the thread that created it. */
    public static Runnable carried(Runnable task) {
        Snapshot snapshot = capture();
        return () -> {
            try (CloseableThreadContext.Instance ignored = snapshot.open()) {
                task.run();
            }
        };
    }

    private static void putIfPresent(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    /** Captured values; {@code null} = not set. */
    public record Snapshot(String tenant, String thingId, String correlationId) {
        public CloseableThreadContext.Instance open() {
            return of(tenant, thingId, correlationId);
        }
    }
}
