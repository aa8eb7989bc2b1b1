package io.twinbridge.gateway.ingest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Keeps at most one write in flight per key (thing), at most W writes in flight in all (the {@link WriteWindow}),
 * and coalesces whatever arrives for a key meanwhile into its next write.
 *
 * <p>A key with a pending update and no write in flight waits in the ready queue, ordered by its oldest unfinished
 * update: when a slot of the window frees, the key that has waited longest goes first, so no thing starves, and a hot
 * thing coalesces more while it waits. The backlog thus waits in the gateway, where it coalesces, and not inside the
 * twin service, where nothing can (a window of one merge per thing let 10,000 merges queue in Ditto, issue 12).
 *
 * <p>Under light load an update is sent after the coalescing window (0 = at once) if the write window has room.
 *
 * <p>Every method must run on the single thread of {@code executor}: the scheduler keeps no locks. The figures for
 * metrics ({@link #window()}, {@link #readyKeys()}, ...) may be read from any thread.
 *
 * @param <P> the update type, e.g. a twin patch
 * @param <R> the outcome of one write, handed to every update that took part in it
 */
public final class CoalescingScheduler<P, R> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CoalescingScheduler.class);
    /**
     * Memory each update costs while its write is pending, besides the coalesced patch: its waiter and the list slot.
     * The pipeline's waiter keeps a record's partition, offset and timestamp, not its bytes (about 40 bytes);
     * {@link #submit(String, Object)}'s future and callbacks cost several times that, and are for tests and callers
     * with few updates.
     */
    static final long BYTES_PER_WAITING_UPDATE = 48;

    private final ScheduledExecutorService executor;
    private final Duration window;
    private final BinaryOperator<P> coalesce;
    private final BiFunction<String, P, CompletionStage<R>> writer;
    private final WriteWindow writeWindow;
    private final LongSupplier nanoTime;
    private final ToLongFunction<P> sizeOf;
    private long pendingBytes;
    private volatile long pendingBytesNow;
    private final Map<String, KeyState<P, R>> states = new HashMap<>();
    /** Keys in their coalescing window, in the order their windows end. */
    private final ArrayDeque<KeyState<P, R>> coalescing = new ArrayDeque<>();
    private boolean tickScheduled;
    private final PriorityQueue<KeyState<P, R>> ready = new PriorityQueue<>(Comparator
            .comparingLong((KeyState<P, R> s) -> s.oldestNanos).thenComparingLong(s -> s.readySeq));
    private long readySeq;
    private int inFlight;
    private long writesSent;
    private long updatesCoalesced;
    private volatile int windowNow;
    private volatile int peakWindowNow;
    private volatile int readyNow;
    private volatile int inFlightNow;
    private volatile int activeNow;
    private volatile double rttMillisNow;
    private final java.util.function.ToIntFunction<R> commandsOf;

    /** Without a bound across keys (a window as large as the number of keys): one write in flight per key. */
    public CoalescingScheduler(ScheduledExecutorService executor, Duration window, BinaryOperator<P> coalesce,
            BiFunction<String, P, CompletionStage<R>> writer) {
        this(executor, window, coalesce, writer, new WriteWindow(Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE), update -> 0, System::nanoTime);
    }

    /**
     * @param writeWindow bounds the writes in flight across keys, and learns from their round trips
     * @param sizeOf      the memory an update costs while it waits or is written, for {@link #pendingBytes()}
     */
    public CoalescingScheduler(ScheduledExecutorService executor, Duration window, BinaryOperator<P> coalesce,
            BiFunction<String, P, CompletionStage<R>> writer, WriteWindow writeWindow, ToLongFunction<P> sizeOf,
            LongSupplier nanoTime) {
        this(executor, window, coalesce, writer, writeWindow, sizeOf, nanoTime, outcome -> 1);
    }

    /**
     * @param commandsOf how many commands in a row a write took (e.g. 3 for one that first had to create its thing:
     *                   merge, create, merge): the window learns the round trip per command
     */
    public CoalescingScheduler(ScheduledExecutorService executor, Duration window, BinaryOperator<P> coalesce,
            BiFunction<String, P, CompletionStage<R>> writer, WriteWindow writeWindow, ToLongFunction<P> sizeOf,
            LongSupplier nanoTime, java.util.function.ToIntFunction<R> commandsOf) {
        this.commandsOf = Objects.requireNonNull(commandsOf, "commandsOf");
        this.sizeOf = Objects.requireNonNull(sizeOf, "sizeOf");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.window = Objects.requireNonNull(window, "window");
        this.coalesce = Objects.requireNonNull(coalesce, "coalesce");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.writeWindow = Objects.requireNonNull(writeWindow, "writeWindow");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.windowNow = writeWindow.limit();
    }

    /** Told the outcome of the write that carried an update; on the scheduler's thread. */
    @FunctionalInterface
    public interface Waiter<R> {
        void done(R outcome, Throwable error);
    }

    /** Queues an update for a key; the returned stage completes with the outcome of the write that carried it. */
    public CompletionStage<R> submit(String key, P update) {
        CompletableFuture<R> done = new CompletableFuture<>();
        submit(key, update, (outcome, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(outcome);
            }
        });
        return done;
    }

    /**
     * Queues an update for a key; {@code waiter} is told the outcome of the write that carried it. The waiter is all
     * the update keeps while it waits, besides its share of the coalesced patch.
     */
    public void submit(String key, P update, Waiter<R> waiter) {
        KeyState<P, R> state = states.get(key);
        if (state == null) {
            state = new KeyState<>(key);
            states.put(key, state);
            activeNow = states.size();
        }
        if (state.pending == null) {
            state.pending = update;
            state.oldestNanos = nanoTime.getAsLong();
        } else {
            state.pending = coalesce.apply(state.pending, update);
            updatesCoalesced++;
        }
        state.waiters.add(waiter);
        // the patch, and per update waiting in it the bookkeeping that completes its record (future, callbacks)
        long size = sizeOf.applyAsLong(state.pending) + (long) state.waiters.size() * BYTES_PER_WAITING_UPDATE;
        addPendingBytes(size - state.pendingBytes);
        state.pendingBytes = size;
        if (!state.inFlight && !state.flushScheduled && !state.queued) {
            if (window.isZero()) {
                enqueue(state);
                dispatch();
            } else {
                state.flushScheduled = true;
                state.flushDueNanos = nanoTime.getAsLong() + window.toNanos();
                coalescing.add(state);
                if (!tickScheduled) {
                    scheduleTick(window.toNanos());
                }
            }
        }
    }

    /** Keys with a write in flight or updates waiting: the pending twins. */
    public int activeKeys() {
        return activeNow;
    }

    /** Memory of the updates waiting or being written: {@code sizeOf} their patches, plus the updates' bookkeeping. */
    public long pendingBytes() {
        return pendingBytesNow;
    }

    private void addPendingBytes(long delta) {
        pendingBytes += delta;
        pendingBytesNow = pendingBytes;
    }

    /** Keys whose update waits for a slot of the write window. */
    public int readyKeys() {
        return readyNow;
    }

    /** Writes in flight now. */
    public int inFlight() {
        return inFlightNow;
    }

    /** W: writes allowed in flight now. */
    public int window() {
        return windowNow;
    }

    /** The largest W so far. */
    public int peakWindow() {
        return Math.max(peakWindowNow, windowNow);
    }

    /** Smoothed round trip of a write, in milliseconds. */
    public double roundTripMillis() {
        return rttMillisNow;
    }

    /** The smallest round trip of the current period (the unloaded one), in milliseconds. Pipeline thread only. */
    public double unloadedRoundTripMillis() {
        return writeWindow.minRttNanos() / 1e6;
    }

    public long writesSent() {
        return writesSent;
    }

    public long updatesCoalesced() {
        return updatesCoalesced;
    }

    private void scheduleTick(long delayNanos) {
        tickScheduled = true;
        executor.schedule(this::tick, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /**
     * Ends the coalescing window of every key whose window is over. One timer serves all keys: the window is the same
     * for every key, so the keys wait in the order their windows end. (A timer per key kept one task per pending
     * twin in the pipeline executor's delay queue, a heap, and sifting it cost the pipeline thread.)
     */
    private void tick() {
        tickScheduled = false;
        long now = nanoTime.getAsLong();
        boolean first = true;
        KeyState<P, R> head;
        // the head is due: the timer was set for it (checked on the executor's clock, not only on nanoTime)
        while ((head = coalescing.peek()) != null && (first || head.flushDueNanos - now <= 0)) {
            first = false;
            coalescing.poll();
            head.flushScheduled = false;
            if (!head.inFlight && head.pending != null && !head.queued) {
                enqueue(head);
            }
        }
        dispatch();
        if (head != null) {
            scheduleTick(head.flushDueNanos - now);
        }
    }

    private void enqueue(KeyState<P, R> state) {
        state.queued = true;
        state.readySeq = readySeq++;
        ready.add(state);
        readyNow = ready.size();
    }

    /** Sends the longest-waiting ready keys while the window has room. */
    private void dispatch() {
        while (inFlight < writeWindow.limit() && !ready.isEmpty()) {
            KeyState<P, R> state = ready.poll();
            state.queued = false;
            send(state);
        }
        readyNow = ready.size();
        inFlightNow = inFlight;
    }

    private void send(KeyState<P, R> state) {
        P batch = state.pending;
        List<Waiter<R>> waiters = state.waiters;
        state.pending = null;
        state.inFlightBytes = state.pendingBytes;
        state.pendingBytes = 0;
        state.waiters = new ArrayList<>();
        state.inFlight = true;
        inFlight++;
        writesSent++;
        int inFlightAtSend = inFlight;
        long started = nanoTime.getAsLong();
        CompletionStage<R> write;
        try {
            write = writer.apply(state.key, batch);
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        // the round trip ends when the answer arrives, not when the pipeline thread gets to it: its queue (a poll's
        // records, flushes) would otherwise count as Ditto's latency and shrink the window for nothing
        write.whenComplete((outcome, error) -> {
            long roundTrip = nanoTime.getAsLong() - started;
            executor.execute(() -> completed(state, waiters, outcome, error, roundTrip, inFlightAtSend));
        });
    }

    private void completed(KeyState<P, R> state, List<Waiter<R>> waiters, R outcome, Throwable error,
            long roundTripNanos, int inFlightAtSend) {
        inFlight--;
        state.inFlight = false;
        addPendingBytes(-state.inFlightBytes);
        state.inFlightBytes = 0;
        if (error == null) {
            // a failed write (the writer is closing) says nothing about the twin service's round trip
            writeWindow.onSample(roundTripNanos / Math.max(1, commandsOf.applyAsInt(outcome)), inFlightAtSend);
            windowNow = writeWindow.limit();
            peakWindowNow = writeWindow.peak();
            rttMillisNow = writeWindow.smoothedRttNanos() / 1e6;
        }
        for (Waiter<R> waiter : waiters) {
            try {
                waiter.done(outcome, error);
            } catch (RuntimeException e) {
                LOG.error("A waiter of {} failed", state.key, e);
            }
        }
        if (state.pending != null) {
            // whatever arrived during the write is ready at once: waiting again would only add latency under load
            if (!state.queued) {
                enqueue(state);
            }
        } else if (!state.flushScheduled && !state.queued) {
            states.remove(state.key);
            activeNow = states.size();
        }
        dispatch();
    }

    private static final class KeyState<P, R> {
        final String key;
        P pending;
        List<Waiter<R>> waiters = new ArrayList<>();
        /** When the oldest update in {@link #pending} arrived: the ready queue's order. */
        long oldestNanos;
        long pendingBytes;
        long inFlightBytes;
        long readySeq;
        long flushDueNanos;
        boolean inFlight;
        boolean flushScheduled;
        boolean queued;

        KeyState(String key) {
            this.key = key;
        }
    }
}
