package io.twinbridge.launcher.bench;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.StatePage;
import io.twinbridge.gateway.ditto.ThingPage;
import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.ditto.TwinEventListener;
import io.twinbridge.gateway.ditto.TwinEvents;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;

/**
 * A Ditto session without a WebSocket, for {@code bench egress}: it hands recorded Ditto protocol messages to the
 * egress listener exactly as the WebSocket's reading thread does ({@link TwinEvents#parse}, then
 * {@link TwinEventListener#onEvent}), so egress runs its real code path on a source faster than itself. Searches
 * find nothing and things are not found, so egress's sweeps publish nothing of their own.
 */
final class ReplayPort implements DittoPort {
    private volatile TwinEventListener listener;

    /** On the caller's thread, as the WebSocket's reading thread would: parse and hand over. */
    void replay(String protocolJson) {
        TwinEvent event = TwinEvents.parse(protocolJson).orElseThrow(() -> new IllegalArgumentException(
                "not a twin event: " + protocolJson));
        listener.onEvent(event);
    }

    boolean subscribed() {
        return listener != null;
    }

    @Override
    public CompletionStage<Void> connect() {
        return CompletableFuture.completedFuture(null);
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
    public Optional<Instant> lastAnswer() {
        return Optional.empty();
    }

    @Override
    public CompletionStage<Optional<JsonObject>> retrieveThing(ThingId thingId, DittoRequestOptions options) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletionStage<JsonObject> createThing(JsonObject thing, Optional<JsonObject> inlinePolicy,
                                                   DittoRequestOptions options) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("replay session"));
    }

    @Override
    public CompletionStage<Void> mergeThing(ThingId thingId, JsonPointer path, JsonValue patch,
                                            DittoRequestOptions options) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> deleteThing(ThingId thingId, DittoRequestOptions options) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("replay session"));
    }

    @Override
    public CompletionStage<Optional<JsonObject>> retrieveThingState(ThingId thingId) {
        return CompletableFuture.completedFuture(Optional.empty());
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
        return CompletableFuture.completedFuture(null);
    }
}
