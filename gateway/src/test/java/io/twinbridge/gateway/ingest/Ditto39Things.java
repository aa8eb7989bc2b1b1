package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.StatePage;
import io.twinbridge.gateway.ditto.ThingPage;
import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.ditto.TwinEventListener;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.ditto.json.JsonMergePatch;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;

/**
 * A Ditto 3.9 twin store for {@link ThingWriter}: the thing rules of Ditto that decide which policy a new thing gets.
 * <ul>
 *   <li>a merge of the whole thing ({@code path} empty) on a missing thing creates it
 *       ({@code ModifyToCreateThingTransformer}, the first of {@code things.conf}'s signal transformers), with Ditto's
 *       default policy named after the thing when the patch names no {@code policyId}
 *       ({@code ThingEnforcerActor.loadPolicyEnforcerForCreateThing});</li>
 *   <li>a merge at any other path of a missing thing is answered 404 {@code things:thing.notfound};</li>
 *   <li>a create that references a missing policy is refused, 404 {@code things:policy.notfound}
 *       ({@code retrievePolicyWithEnforcement}).</li>
 * </ul>
 */
final class Ditto39Things implements DittoPort {
    final Map<String, JsonObject> things = new ConcurrentHashMap<>();
    final Map<String, JsonObject> policies = new ConcurrentHashMap<>();

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
        return CompletableFuture.completedFuture(Optional.ofNullable(things.get(thingId.toString())));
    }

    @Override
    public CompletionStage<JsonObject> createThing(JsonObject thing, Optional<JsonObject> inlinePolicy,
                                                   DittoRequestOptions options) {
        String thingId = thing.getValue("thingId").orElseThrow().asString();
        if (things.containsKey(thingId)) {
            return failed(409, "things:thing.conflict");
        }
        Optional<String> policyId = thing.getValue("policyId").map(JsonValue::asString);
        if (policyId.isPresent() && !policies.containsKey(policyId.get())) {
            return failed(404, "things:policy.notfound");
        }
        JsonObject created = policyId.isPresent() ? thing : withDefaultPolicy(thingId, thing);
        things.put(thingId, created);
        return CompletableFuture.completedFuture(created);
    }

    @Override
    public CompletionStage<Void> mergeThing(ThingId thingId, JsonPointer path, JsonValue patch,
                                            DittoRequestOptions options) {
        JsonObject existing = things.get(thingId.toString());
        if (existing == null) {
            if (!path.isEmpty()) {
                return failed(404, "things:thing.notfound");
            }
            JsonObject created = patch.asObject().setValue("thingId", thingId.toString());
            return createThing(created.contains("policyId") ? created : withDefaultPolicy(thingId.toString(), created),
                    Optional.empty(), options).thenApply(thing -> null);
        }
        things.put(thingId.toString(), JsonMergePatch.of(path, patch).applyOn(existing).asObject());
        return CompletableFuture.completedFuture(null);
    }

    private JsonObject withDefaultPolicy(String thingId, JsonObject thing) {
        policies.put(thingId, JsonObject.newBuilder().set("policyId", thingId).build());
        return thing.setValue("policyId", thingId);
    }

    @Override
    public CompletionStage<Void> deleteThing(ThingId thingId, DittoRequestOptions options) {
        things.remove(thingId.toString());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Optional<JsonObject>> retrieveThingState(ThingId thingId) {
        return retrieveThing(thingId, DittoRequestOptions.defaults());
    }

    @Override
    public CompletionStage<Void> subscribeTwinEvents(List<String> namespaces, TwinEventListener listener) {
        throw new UnsupportedOperationException("not needed by ThingWriter");
    }

    @Override
    public boolean acknowledge(TwinEvent event, String label, int status) {
        throw new UnsupportedOperationException("not needed by ThingWriter");
    }

    @Override
    public CompletionStage<ThingPage> searchThings(String namespace, Optional<String> cursor, int size) {
        throw new UnsupportedOperationException("not needed by ThingWriter");
    }

    @Override
    public CompletionStage<StatePage> searchStates(List<String> namespaces, Optional<String> filter,
                                                   Optional<String> cursor, int size) {
        throw new UnsupportedOperationException("not needed by ThingWriter");
    }

    @Override
    public CompletionStage<Void> putPolicy(PolicyId policyId, JsonObject policy, DittoRequestOptions options) {
        policies.put(policyId.toString(), policy);
        return CompletableFuture.completedFuture(null);
    }

    private static <T> CompletionStage<T> failed(int status, String code) {
        return CompletableFuture.failedFuture(new DittoPortException(status, code, code));
    }
}
