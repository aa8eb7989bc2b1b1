package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.StatePage;
import io.twinbridge.gateway.ditto.ThingPage;
import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.ditto.TwinEventListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;

/**
 * A Ditto session for unit tests of egress: connected at once, events pushed by the test through
 * {@link #listener()}, thing reads answered by a function the test sets (by default: Ditto does not answer in time).
 */
final class FakeDittoPort implements DittoPort {
    volatile TwinEventListener listener;
    /** The merges asked for, as {@code <thingId> <path> <patch>}. */
    final List<String> merges = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Function<ThingId, CompletionStage<Optional<JsonObject>>> states = id -> CompletableFuture.failedFuture(
            new DittoPortException(408, DittoPortException.CODE_TIMEOUT, "no answer from Ditto for " + id + " in time",
                    null));

    TwinEventListener listener() {
        return listener;
    }

    @Override
    public CompletionStage<Void> connect() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<java.time.Instant> lastAnswer() {
        return Optional.empty();
    }

    @Override
    public CompletionStage<Void> close() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public CompletionStage<Optional<JsonObject>> retrieveThing(ThingId thingId, DittoRequestOptions options) {
        return states.apply(thingId);
    }

    @Override
    public CompletionStage<JsonObject> createThing(JsonObject thing, Optional<JsonObject> inlinePolicy,
                                                   DittoRequestOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> mergeThing(ThingId thingId, JsonPointer path, JsonValue patch,
                                            DittoRequestOptions options) {
        merges.add(thingId + " " + path + " " + patch);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> deleteThing(ThingId thingId, DittoRequestOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Optional<JsonObject>> retrieveThingState(ThingId thingId) {
        return states.apply(thingId);
    }

    @Override
    public CompletionStage<Void> subscribeTwinEvents(List<String> namespaces, TwinEventListener listener) {
        this.listener = listener;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean acknowledge(TwinEvent event, String label, int status) {
        return false;
    }

    @Override
    public CompletionStage<ThingPage> searchThings(String namespace, Optional<String> cursor, int size) {
        return CompletableFuture.completedFuture(new ThingPage(List.of(), Optional.empty()));
    }

    @Override
    public CompletionStage<StatePage> searchStates(List<String> namespaces, Optional<String> filter,
                                                   Optional<String> cursor, int size) {
        return CompletableFuture.completedFuture(new StatePage(List.of(), Optional.empty()));
    }

    @Override
    public CompletionStage<Void> putPolicy(PolicyId policyId, JsonObject policy, DittoRequestOptions options) {
        throw new UnsupportedOperationException();
    }
}
