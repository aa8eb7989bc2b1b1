package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.ditto.json.JsonMergePatch;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * A Ditto 3.9 twin store for {@link ThingWriter}, as a {@link DittoPort} (a proxy: it answers the commands ingest
 * sends and refuses the rest), with the thing rules of Ditto that decide which policy a new thing gets:
 * <ul>
 *   <li>a merge of the whole thing ({@code path} empty) on a missing thing creates it
 *       ({@code ModifyToCreateThingTransformer}, the first of {@code things.conf}'s signal transformers), with Ditto's
 *       default policy named after the thing when the patch names no {@code policyId}
 *       ({@code ThingEnforcerActor.loadPolicyEnforcerForCreateThing});</li>
 *   <li>a merge at any other path of a missing thing is answered 404 {@code things:thing.notfound};</li>
 *   <li>a create that references a missing policy is refused, 404 {@code policies:policy.notfound}
 *       ({@code retrievePolicyWithEnforcement}).</li>
 * </ul>
 */
final class Ditto39Things {
    final Map<String, JsonObject> things = new ConcurrentHashMap<>();
    final Map<String, JsonObject> policies = new ConcurrentHashMap<>();

    DittoPort port() {
        return (DittoPort) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DittoPort.class},
                (proxy, method, args) -> answer(method, args));
    }

    private Object answer(Method method, Object[] args) {
        return switch (method.getName()) {
            case "connect", "close" -> CompletableFuture.completedFuture(null);
            case "isConnected" -> true;
            case "lastAnswer" -> Optional.empty();
            case "retrieveThing" -> CompletableFuture.completedFuture(Optional.ofNullable(things.get(
                    args[0].toString())));
            case "createThing" -> create((JsonObject) args[0]);
            case "mergeThing" -> merge(args[0].toString(), (JsonPointer) args[1], (JsonValue) args[2]);
            default -> throw new UnsupportedOperationException(method.getName() + " is not needed by ThingWriter");
        };
    }

    private CompletionStage<JsonObject> create(JsonObject thing) {
        String thingId = thing.getValue("thingId").orElseThrow().asString();
        if (things.containsKey(thingId)) {
            return failed(409, "things:thing.conflict");
        }
        Optional<String> policyId = thing.getValue("policyId").map(JsonValue::asString);
        if (policyId.isPresent() && !policies.containsKey(policyId.get())) {
            return failed(404, "policies:policy.notfound");
        }
        JsonObject created = policyId.isPresent() ? thing : withDefaultPolicy(thingId, thing);
        things.put(thingId, created);
        return CompletableFuture.completedFuture(created);
    }

    private CompletionStage<Void> merge(String thingId, JsonPointer path, JsonValue patch) {
        JsonObject existing = things.get(thingId);
        if (existing == null) {
            if (!path.isEmpty()) {
                return failed(404, "things:thing.notfound");
            }
            JsonObject created = patch.asObject().setValue("thingId", thingId);
            return create(created.contains("policyId") ? created : withDefaultPolicy(thingId, created))
                    .thenApply(thing -> null);
        }
        things.put(thingId, JsonMergePatch.of(path, patch).applyOn(existing).asObject());
        return CompletableFuture.completedFuture(null);
    }

    private JsonObject withDefaultPolicy(String thingId, JsonObject thing) {
        policies.put(thingId, JsonObject.newBuilder().set("policyId", thingId).build());
        return thing.setValue("policyId", thingId);
    }

    private static <T> CompletionStage<T> failed(int status, String code) {
        return CompletableFuture.failedFuture(new DittoPortException(status, code, code));
    }
}
