package io.twinbridge.gateway.logging;

import java.util.HashMap;
import java.util.Map;

import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.util.ContextDataProvider;

/**
 * The flow's context of a {@link LogContext#task task}, held in three fields of the thread and given to log4j only
 * when a log event is made: log4j asks every {@link ContextDataProvider} (registered in
 * {@code META-INF/services/org.apache.logging.log4j.core.util.ContextDataProvider}) for its data when it builds an
 * event ({@code ThreadContextDataInjector}), and puts it into the event's context data, which the layouts print like
 * the MDC's ({@code %X{tenant}}, the JSON layout's {@code mdc}).
 *
 * <p>Why: ingest opens a task per record on its decode thread, and log4j's thread context map is copied on every
 * change, so putting and removing three keys per record was about a quarter of that thread's time in a JFR profile of
 * {@code bench ingest}'s steady state, for log lines that a healthy record never writes.
 *
 * <p>A key the thread context holds (a {@link LogContext#of} opened inside the task) wins over the task's value.
 */
public final class TaskContextData implements ContextDataProvider {
    private static final ThreadLocal<String[]> VALUES = ThreadLocal.withInitial(() -> new String[3]);
    private static final String[] KEYS = {LogContext.TENANT, LogContext.THING_ID, LogContext.CORRELATION_ID};
    static final int TENANT = 0;
    static final int THING_ID = 1;
    static final int CORRELATION_ID = 2;

    /** For log4j's service loader. */
    public TaskContextData() {
    }

    static void set(String tenant, String thingId, String correlationId) {
        String[] values = VALUES.get();
        values[TENANT] = tenant;
        values[THING_ID] = thingId;
        values[CORRELATION_ID] = correlationId;
    }

    static void set(int key, String value) {
        VALUES.get()[key] = value;
    }

    static void clear() {
        set(null, null, null);
    }

    /** The task's value of {@code key} ({@link LogContext#TENANT}, ...), or {@code null}. */
    static String get(String key) {
        String[] values = VALUES.get();
        for (int i = 0; i < KEYS.length; i++) {
            if (KEYS[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public Map<String, String> supplyContextData() {
        String[] values = VALUES.get();
        Map<String, String> data = new HashMap<>(4);
        for (int i = 0; i < KEYS.length; i++) {
            if (values[i] != null && !ThreadContext.containsKey(KEYS[i])) {
                data.put(KEYS[i], values[i]);
            }
        }
        return data;
    }
}
