package io.twinbridge.gateway.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import java.util.function.BiFunction;

/**
 * Keeps at most one write in flight per key (thing) and coalesces whatever arrives meanwhile into the next write.
 *
 * <p>Under light load an update is sent after the coalescing window (0 = at once); under heavy load each write carries
 * everything that arrived while the previous one was in flight, so writes grow with load without tuning.
 *
 * <p>Every method must run on the single thread of {@code executor}: the scheduler keeps no locks.
 *
 * @param <P> the update type, e.g. a twin patch
 * @param <R> the outcome of one write, handed to every update that took part in it
 */
public final class CoalescingScheduler<P, R> {

    private final ScheduledExecutorService executor;
    private final Duration window;
    private final BinaryOperator<P> coalesce;
    private final BiFunction<String, P, CompletionStage<R>> writer;
    private final Map<String, KeyState<P, R>> states = new HashMap<>();
    private long writesSent;
    private long updatesCoalesced;

    public CoalescingScheduler(ScheduledExecutorService executor, Duration window, BinaryOperator<P> coalesce,
            BiFunction<String, P, CompletionStage<R>> writer) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.window = Objects.requireNonNull(window, "window");
        this.coalesce = Objects.requireNonNull(coalesce, "coalesce");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Queues an update for a key; the returned stage completes with the outcome of the write that carried it. */
    public CompletionStage<R> submit(String key, P update) {
        CompletableFuture<R> done = new CompletableFuture<>();
        KeyState<P, R> state = states.computeIfAbsent(key, k -> new KeyState<>());
        if (state.pending == null) {
            state.pending = update;
        } else {
            state.pending = coalesce.apply(state.pending, update);
            updatesCoalesced++;
        }
        state.waiters.add(done);
        if (!state.inFlight && !state.flushScheduled) {
            if (window.isZero()) {
                send(key, state);
            } else {
                state.flushScheduled = true;
                executor.schedule(() -> flush(key), window.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        return done;
    }

    /** Keys with a write in flight or updates waiting. */
    public int activeKeys() {
        return states.size();
    }

    public long writesSent() {
        return writesSent;
    }

    public long updatesCoalesced() {
        return updatesCoalesced;
    }

    private void flush(String key) {
        KeyState<P, R> state = states.get(key);
        if (state == null) {
            return;
        }
        state.flushScheduled = false;
        if (!state.inFlight && state.pending != null) {
            send(key, state);
        }
    }

    private void send(String key, KeyState<P, R> state) {
        P batch = state.pending;
        List<CompletableFuture<R>> waiters = state.waiters;
        state.pending = null;
        state.waiters = new ArrayList<>();
        state.inFlight = true;
        writesSent++;
        CompletionStage<R> write;
        try {
            write = writer.apply(key, batch);
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        Executor back = executor;
        write.whenCompleteAsync((outcome, error) -> completed(key, waiters, outcome, error), back);
    }

    private void completed(String key, List<CompletableFuture<R>> waiters, R outcome, Throwable error) {
        for (CompletableFuture<R> waiter : waiters) {
            if (error != null) {
                waiter.completeExceptionally(error);
            } else {
                waiter.complete(outcome);
            }
        }
        KeyState<P, R> state = states.get(key);
        state.inFlight = false;
        if (state.pending != null) {
            // Whatever arrived during the write goes out at once: waiting again would only add latency under load.
            send(key, state);
        } else if (!state.flushScheduled) {
            states.remove(key);
        }
    }

    private static final class KeyState<P, R> {
        P pending;
        List<CompletableFuture<R>> waiters = new ArrayList<>();
        boolean inFlight;
        boolean flushScheduled;
    }
}
