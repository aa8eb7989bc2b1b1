package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.ditto.DetachedPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * A Ditto session for unit tests of egress: connected at once, events pushed by the test through
 * {@link #listener()}, thing reads answered by a function the test sets (by default: Ditto does not answer in time),
 * merges recorded.
 */
final class FakeDittoPort extends DetachedPort {
    /** The merges asked for, as {@code <thingId> <path> <patch>}. */
    final List<String> merges = new CopyOnWriteArrayList<>();
    volatile Function<ThingId, CompletionStage<Optional<JsonObject>>> states = id -> CompletableFuture.failedFuture(
            new DittoPortException(408, DittoPortException.CODE_TIMEOUT, "no answer from Ditto for " + id + " in time",
                    null));

    @Override
    public CompletionStage<Optional<JsonObject>> retrieveThing(ThingId thingId, DittoRequestOptions options) {
        return states.apply(thingId);
    }

    @Override
    public CompletionStage<Void> mergeThing(ThingId thingId, JsonPointer path, JsonValue patch,
                                            DittoRequestOptions options) {
        merges.add(thingId + " " + path + " " + patch);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Optional<JsonObject>> retrieveThingState(ThingId thingId) {
        return states.apply(thingId);
    }
}
