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

    /** The flow's context on this thread now, to reopen on another thread. */
    public static Snapshot capture() {
        return new Snapshot(ThreadContext.get(TENANT), ThreadContext.get(THING_ID), ThreadContext.get(CORRELATION_ID));
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
