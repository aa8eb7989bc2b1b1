package io.twinbridge.sandbox.ditto.acks;

import io.twinbridge.sandbox.ditto.memo.BoundedMemo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.ditto.base.model.acks.AcknowledgementRequest;
import org.eclipse.ditto.base.model.acks.DittoAcknowledgementLabel;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.base.model.signals.acks.AcknowledgementRequestTimeoutException;

/**
 * Custom acknowledgements as Ditto handles them: labels are declared by WebSocket sessions, each label by one
 * session at a time; a twin command that requests custom labels gets its response only once every label is
 * acknowledged or its {@code timeout} passed, which fills the label with 408.
 */
public final class AckRegistry {

    /** Ditto's default when a command has no {@code timeout} header. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> declaredBy = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** A command waiting for its custom acknowledgements. */
    private static final class Pending {
        final Map<String, AckResult> results = new HashMap<>();
        final Set<String> labels;
        final CompletableFuture<Map<String, AckResult>> done = new CompletableFuture<>();

        Pending(final Set<String> labels) {
            this.labels = labels;
        }

        synchronized void put(final String label, final AckResult result) {
            if (labels.contains(label) && !results.containsKey(label)) {
                results.put(label, result);
                if (results.size() == labels.size()) {
                    done.complete(Map.copyOf(results));
                }
            }
        }
    }

    /**
     * Declares labels for a session.
     *
     * @return the first label already declared by another session, if any; then nothing is declared
     */
    public synchronized Optional<String> declare(final String sessionId, final Set<String> labels) {
        for (final String label : labels) {
            final String owner = declaredBy.get(label);
            if (owner != null && !owner.equals(sessionId)) {
                return Optional.of(label);
            }
        }
        labels.forEach(label -> declaredBy.put(label, sessionId));
        return Optional.empty();
    }

    public synchronized void release(final String sessionId) {
        declaredBy.values().removeIf(sessionId::equals);
    }

    public boolean isDeclared(final String label) {
        return declaredBy.containsKey(label);
    }

    public boolean isDeclaredBy(final String label, final String sessionId) {
        return sessionId.equals(declaredBy.get(label));
    }

    private static final String REQUESTED_ACKS = "requested-acks";
    private static final int CUSTOM_LABELS_LIMIT = 1024;
    /** {@link #customLabels} by the text of the {@code requested-acks} header. */
    private static final BoundedMemo<String, Set<String>> CUSTOM_LABELS = new BoundedMemo<>(CUSTOM_LABELS_LIMIT);

    /** The labels of a command Ditto's built-in services do not fulfil: those subscribers must acknowledge. */
    public static Set<String> customLabels(final DittoHeaders headers) {
        // by the header's text: parsing the requested-acks JSON twice per command (on the way in and for its event)
        // cost more than the rest of the acknowledgement handling; the answer is unmodifiable, in the header's order
        final String requested = headers.get(REQUESTED_ACKS);
        if (requested == null) {
            return Set.of();
        }
        return CUSTOM_LABELS.get(requested, text -> {
            final Set<String> labels = new java.util.LinkedHashSet<>();
            for (final AcknowledgementRequest request : headers.getAcknowledgementRequests()) {
                if (!DittoAcknowledgementLabel.contains(request.getLabel())) {
                    labels.add(request.getLabel().toString());
                }
            }
            return java.util.Collections.unmodifiableSet(labels);
        });
    }

    /**
     * Starts waiting for the custom labels of a command; call before the command is applied, so that no fast
     * acknowledgement is missed. Completes with one result per label; a label not acknowledged in time gets 408.
     */
    public CompletableFuture<Map<String, AckResult>> expect(final String correlationId, final Set<String> labels,
            final DittoHeaders headers) {
        final Pending wait = new Pending(Set.copyOf(labels));
        pending.put(correlationId, wait);
        final Duration timeout = headers.getTimeout().orElse(DEFAULT_TIMEOUT);
        final JsonValue timedOut = AcknowledgementRequestTimeoutException.newBuilder(timeout).build().toJson();
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() ->
                labels.forEach(label -> wait.put(label, AckResult.of(408, Optional.of(timedOut)))));
        return wait.done.whenComplete((ok, error) -> pending.remove(correlationId, wait));
    }

    /** A command's response and what its acknowledgements aggregate over. */
    public record Acknowledged<R>(R response, boolean twinPersistedRequested, Map<String, AckResult> custom) {
    }

    /**
     * Applies a twin command that requests custom labels: waits for them first ({@link #expect}), so that no fast
     * acknowledgement is missed, then applies the command at once. Completes once every label is acknowledged or timed
     * out. A command that throws is forgotten and its exception rethrown here.
     */
    public <R> CompletableFuture<Acknowledged<R>> applyAndAwait(final String correlationId, final Set<String> labels,
            final DittoHeaders headers, final Supplier<R> command) {
        final CompletableFuture<Map<String, AckResult>> waiting = expect(correlationId, labels, headers);
        final R response;
        try {
            response = command.get();
        } catch (final RuntimeException failed) {
            forget(correlationId);
            throw failed;
        }
        final boolean twinPersisted = headers.getAcknowledgementRequests().stream()
                .anyMatch(r -> DittoAcknowledgementLabel.TWIN_PERSISTED.equals(r.getLabel()));
        return waiting.thenApply(results -> new Acknowledged<>(response, twinPersisted, results));
    }

    /** The command failed: nobody waits for its acknowledgements. */
    public void forget(final String correlationId) {
        pending.remove(correlationId);
    }

    /** An acknowledgement from the session that declared {@code label}. */
    public void acknowledge(final String correlationId, final String label, final AckResult result) {
        Optional.ofNullable(pending.get(correlationId)).ifPresent(wait -> wait.put(label, result));
    }

    /**
     * The event reached none of the subscribers that declared these labels (filtered out, not subscribed, or not
     * allowed to read it): as Ditto does, the labels are acknowledged "weakly" with 200 so the sender is not held up
     * by an event that will never come.
     */
    public void weakAcknowledge(final String correlationId, final List<String> labels) {
        labels.forEach(label -> acknowledge(correlationId, label, new AckResult(200, Optional.empty(), true)));
    }
}
