package io.twinbridge.gateway.ditto;

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
 * A Ditto session without a connection: connected at once, its events handed in by its owner through
 * {@link #listener()} (as the WebSocket's reading thread hands them), things not found, searches empty, merges and
 * policies accepted. For running egress on events that do not come from a WebSocket: {@code bench egress} replays
 * recorded ones, and egress's unit tests push their own. Subclasses answer the reads and writes they care about.
 */
public class DetachedPort implements DittoPort {
    private volatile TwinEventListener listener;

    /** The listener of the last {@link #subscribeTwinEvents}, or null before any. */
    public TwinEventListener listener() {
        return listener;
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
    public CompletionStage<Optional<JsonObject>> retrieveThing(ThingId thingId, DittoRequestOptions options) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletionStage<JsonObject> createThing(JsonObject thing, Optional<JsonObject> inlinePolicy,
                                                   DittoRequestOptions options) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("a detached session creates nothing"));
    }

    @Override
    public CompletionStage<Void> mergeThing(ThingId thingId, JsonPointer path, JsonValue patch,
                                            DittoRequestOptions options) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> deleteThing(ThingId thingId, DittoRequestOptions options) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("a detached session deletes nothing"));
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
