package io.twinbridge.gateway.ditto;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-command Ditto headers the gateway uses.
 *
 * @param correlationId  Ditto {@code correlation-id}; a random one is used when empty
 * @param condition      RQL {@code condition}; Ditto answers 412 {@code things:condition.failed} when it is false
 * @param requestedAcks  {@code requested-acks}; empty means Ditto's default ({@code twin-persisted} on the twin channel)
 * @param timeout        Ditto {@code timeout} and the adapter's own wait; empty means {@code ditto.request-timeout}
 */
public record DittoRequestOptions(Optional<String> correlationId, Optional<String> condition,
                                  List<String> requestedAcks, Optional<Duration> timeout) {
    private static final DittoRequestOptions DEFAULTS =
            new DittoRequestOptions(Optional.empty(), Optional.empty(), List.of(), Optional.empty());

    public DittoRequestOptions {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(condition, "condition");
        requestedAcks = List.copyOf(requestedAcks);
        Objects.requireNonNull(timeout, "timeout");
    }

    public static DittoRequestOptions defaults() {
        return DEFAULTS;
    }

    public DittoRequestOptions withCorrelationId(String id) {
        return new DittoRequestOptions(Optional.of(id), condition, requestedAcks, timeout);
    }

    public DittoRequestOptions withCondition(String rql) {
        return new DittoRequestOptions(correlationId, Optional.of(rql), requestedAcks, timeout);
    }

    public DittoRequestOptions withRequestedAcks(String... labels) {
        return new DittoRequestOptions(correlationId, condition, List.of(labels), timeout);
    }

    public DittoRequestOptions withTimeout(Duration value) {
        return new DittoRequestOptions(correlationId, condition, requestedAcks, Optional.of(value));
    }
}
