package io.twinbridge.gateway.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts parts one after the other, each once the previous one's start completed, and stops them in reverse. A
 * failed start stops whatever already started, through the same {@link #stop} that a normal shutdown takes, and then
 * fails with the start's cause. Every part is stopped even when an earlier stop failed (logged).
 */
public final class Lifecycles {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycles.class);

    private final List<Lifecycle> parts;
    /** The parts whose start was called, the latest first: what {@link #stop} stops. */
    private final Deque<Lifecycle> started = new ArrayDeque<>();
    private boolean stopping;

    public Lifecycles(List<Lifecycle> parts) {
        this.parts = List.copyOf(parts);
    }

    public CompletionStage<Void> start() {
        CompletableFuture<Void> next = CompletableFuture.completedFuture(null);
        for (Lifecycle part : parts) {
            next = next.thenCompose(ignored -> startPart(part));
        }
        return next.handle((ok, failure) -> failure).thenCompose(failure -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(null);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return stop().toCompletableFuture().thenCompose(ignored -> CompletableFuture.failedFuture(cause));
        });
    }

    /** Stops the started parts, the last started first. Calling it again stops nothing more. */
    public CompletionStage<Void> stop() {
        CompletableFuture<Void> next = CompletableFuture.completedFuture(null);
        synchronized (this) {
            stopping = true;
            while (!started.isEmpty()) {
                Lifecycle part = started.pop();
                next = next.thenCompose(ignored -> stopPart(part));
            }
        }
        return next;
    }

    private CompletableFuture<Void> startPart(Lifecycle part) {
        synchronized (this) {
            if (stopping) {
                return CompletableFuture.failedFuture(new IllegalStateException("stopped while starting"));
            }
            started.push(part);
        }
        try {
            return part.start().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Void> stopPart(Lifecycle part) {
        CompletableFuture<Void> stopped;
        try {
            stopped = part.stop().toCompletableFuture();
        } catch (RuntimeException e) {
            stopped = CompletableFuture.failedFuture(e);
        }
        return stopped.handle((ok, failure) -> {
            if (failure != null) {
                LOG.warn("Stopping the {} failed: {}", part.name(), failure.toString());
            }
            return null;
        });
    }
}
