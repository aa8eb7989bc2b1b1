package io.twinbridge.gateway.lifecycle;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One part of the running gateway, in the manner of Hono's {@code Lifecycle}: its constructor does no I/O;
 * {@link #start} opens what the part needs and {@link #stop} releases it. {@link Lifecycles} runs the parts in start
 * order and stops them in reverse.
 */
public interface Lifecycle {
    /** For the log: "Ditto session", "HTTP", "ingest", ... */
    String name();

    /** Completes once the part runs; a part that keeps retrying in the background completes at once. */
    CompletionStage<Void> start();

    /** Completes once the part released everything it opened; called only after {@link #start} was called. */
    CompletionStage<Void> stop();

    /** A part made of its two steps. */
    static Lifecycle of(String name, Supplier<CompletionStage<Void>> start, Supplier<CompletionStage<Void>> stop) {
        return new NamedLifecycle(name) {
            @Override
            public CompletionStage<Void> start() {
                return start.get();
            }

            @Override
            public CompletionStage<Void> stop() {
                return stop.get();
            }
        };
    }
}
