package io.twinbridge.gateway.ditto;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;

/**
 * The gateway's view of Ditto: one session (one WebSocket in production). Only Ditto's model types appear here,
 * never the client library's, so that a move to another client stays inside this package.
 *
 * <p>Every call returns at once. Stages complete on a thread of the adapter, never on a Vert.x event loop; callers
 * on Vert.x wrap them with {@code Future.fromCompletionStage(stage, context)}. Stages fail with
 * {@link DittoPortException} only.
 */
public interface DittoPort {
    /** Opens the session. Completes when connected, or fails after {@code ditto.connect-timeout}. */
    CompletionStage<Void> connect();

    /** Closes the session and its threads. Idempotent. */
    CompletionStage<Void> close();

    /** Whether the WebSocket is open right now. It reconnects by itself after a loss. */
    boolean isConnected();

    /**
     * When this session last received a frame from Ditto: an answer of any status (a 404 or 412 is an answer too), a
     * late answer to a command that timed out meanwhile, an event; empty before the first one. Readiness reads it: a hung Ditto keeps the socket open but answers
     * nothing, so an open socket alone says little. A port that does not track answers reports none.
     */
    default Optional<Instant> lastAnswer() {
        return Optional.empty();
    }

    /** The thing as JSON, or empty if Ditto answers 404 for it (absent or not visible to this session). */
    CompletionStage<Optional<JsonObject>> retrieveThing(ThingId thingId, DittoRequestOptions options);

    default CompletionStage<Optional<JsonObject>> retrieveThing(ThingId thingId) {
        return retrieveThing(thingId, DittoRequestOptions.defaults());
    }

    /**
     * Creates a thing. {@code thing} holds {@code thingId} and may hold {@code policyId}; {@code inlinePolicy},
     * when present, becomes the thing's own policy. Without either, Ditto gives it a default policy for the
     * session's subject. Completes with the created thing as Ditto returns it.
     */
    CompletionStage<JsonObject> createThing(JsonObject thing, Optional<JsonObject> inlinePolicy,
                                            DittoRequestOptions options);

    default CompletionStage<JsonObject> createThing(JsonObject thing) {
        return createThing(thing, Optional.empty(), DittoRequestOptions.defaults());
    }

    /** Merges {@code patch} (JSON merge patch) at {@code path} of the thing; {@code /} is the whole thing. */
    CompletionStage<Void> mergeThing(ThingId thingId, JsonPointer path, JsonValue patch, DittoRequestOptions options);

    CompletionStage<Void> deleteThing(ThingId thingId, DittoRequestOptions options);

    /** The whole thing plus {@code _revision} and {@code _modified}, or empty if Ditto answers 404. */
    CompletionStage<Optional<JsonObject>> retrieveThingState(ThingId thingId);

    /**
     * Subscribes this session to twin events ({@code START-SEND-EVENTS?namespaces=...}); completes on Ditto's
     * {@code START-SEND-EVENTS:ACK}. The subscription is renewed after every reconnect. One subscription per
     * session: calling again replaces the namespaces and the listener (call once the previous call completed, as an
     * ACK names no subscription); call after {@link #connect()}.
     */
    CompletionStage<Void> subscribeTwinEvents(List<String> namespaces, TwinEventListener listener);

    /**
     * Sends Ditto the acknowledgement {@code label} with {@code status} for an event that requested it.
     *
     * @return false if nothing was sent: the event did not request the label, or the session is not connected (Ditto
     *         then answers the command with a timeout for the label, which the sender retries)
     */
    boolean acknowledge(TwinEvent event, String label, int status);

    /**
     * One page of the things in {@code namespace} this session's user may read, by Ditto's search
     * ({@code GET /api/2/search/things?namespaces=..&fields=thingId&option=size(n),cursor(c)} on
     * {@code ditto.http-endpoint}, as the session's user).
     *
     * @param size 1 to 200 (Ditto's largest page)
     */
    CompletionStage<ThingPage> searchThings(String namespace, Optional<String> cursor, int size);

    /**
     * One page of the things in {@code namespaces} this session's user may read, each with its current state plus
     * {@code _revision} and {@code _modified}, by Ditto's search ({@code GET /api/2/search/things?namespaces=..
     * &filter=..&fields=thingId,policyId,definition,attributes,features,_revision,_modified&option=size(n),cursor(c)}),
     * in Ditto's default order (thing id).
     *
     * @param filter an RQL filter, e.g. {@code gt(_modified,"2026-01-01T00:00:00Z")}; empty = every thing
     * @param size   1 to 200 (Ditto's largest page)
     */
    CompletionStage<StatePage> searchStates(List<String> namespaces, Optional<String> filter, Optional<String> cursor,
                                            int size);

    /** Creates or replaces a policy. */
    CompletionStage<Void> putPolicy(PolicyId policyId, JsonObject policy, DittoRequestOptions options);
}
