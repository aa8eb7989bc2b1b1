package io.twinbridge.gateway.ingest;

import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A scheduled executor on a virtual clock, for tests of timing behaviour that must not depend on how busy the machine
 * is: nothing runs until {@link #runUntil} runs the tasks one by one on the caller's thread, in the order of their
 * due times (then of scheduling), and moves the clock ({@link #nanoTime()}) to each task's due time. A task that
 * schedules another at delay 0 runs it after the tasks already due.
 */
final class VirtualTimeScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long now;
    private long sequence;
    private boolean shutdown;

    /** The virtual clock, in nanoseconds from 0. */
    long nanoTime() {
        return now;
    }

    /**
     * Runs due tasks in order until {@code done} holds.
     *
     * @return whether it held before no task was left or the clock passed {@code limit}
     */
    boolean runUntil(BooleanSupplier done, Duration limit) {
        while (!done.getAsBoolean()) {
            Task<?> next = queue.poll();
            if (next == null || next.due > limit.toNanos()) {
                return false;
            }
            now = Math.max(now, next.due);
            next.run();
        }
        return true;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Task<>(Executors.callable(command, null), due(delay, unit), 0, false));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Task<>(callable, due(delay, unit), 0, false));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(new Task<>(Executors.callable(command, null), due(initialDelay, unit), unit.toNanos(period), true));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(new Task<>(Executors.callable(command, null), due(initialDelay, unit), unit.toNanos(delay), false));
    }

    private long due(long delay, TimeUnit unit) {
        return now + Math.max(0, unit.toNanos(delay));
    }

    private <V> Task<V> add(Task<V> task) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        task.sequence = sequence++;
        queue.add(task);
        return task;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> pending = List.copyOf(queue);
        queue.clear();
        return pending;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private long due;
        private long sequence;
        private final long period;
        private final boolean fixedRate;

        Task(Callable<V> callable, long due, long period, boolean fixedRate) {
            super(callable);
            this.due = due;
            this.period = period;
            this.fixedRate = fixedRate;
        }

        @Override
        public boolean isPeriodic() {
            return period > 0;
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset() && !shutdown) {
                due = fixedRate ? due + period : now + period;
                add(this);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            int byDue = Long.compare(due, that.due);
            return byDue != 0 ? byDue : Long.compare(sequence, that.sequence);
        }
    }
}
