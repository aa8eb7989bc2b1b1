package io.twinbridge.sandbox.ditto.ws;

import io.twinbridge.sandbox.ditto.memo.BoundedMemo;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.base.model.acks.AcknowledgementRequest;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.TopicPath;

/**
 * What {@link WsCommandHeaders} decided for twin merges at {@code /features} that Ditto accepted, so that a merge
 * that differs from an accepted one only in its thing (one the adapter accepted before), its properties' scalars,
 * its {@code correlation-id} and its {@code condition} gets the same decision without Ditto's protocol adapter.
 * <p>
 * Why those may differ: the adapter checks the thing id ({@code ThingId.of}, remembered per accepted thing), and
 * the value only by its shape ({@link FeaturesPatchShapes}); it reads {@code correlation-id} and {@code condition}
 * only through their header definitions, whose validators (non-empty; none) already passed when the message's
 * headers were read, and nothing in the adapter or in {@code MergeThing} looks at their contents. Every other header,
 * as given, is part of the key, and so is whether a correlation id was given. What the decision sets
 * ({@code response-required}, {@code requested-acks}, as {@code ThingModifyCommandAckRequestSetter}) depends on the
 * headers of the key only. Anything not seen before goes through the adapter and the header checks as always, so
 * every refusal is still Ditto's own.
 */
final class AcceptedMerges {

    /** Bounds the memory of odd clients; past it, the decisions are forgotten and made again. */
    private static final int LIMIT = 4096;
    private static final int THING_LIMIT = 100_000;
    private static final String CORRELATION_ID = "correlation-id";
    private static final String CONDITION = "condition";
    private static final BoundedMemo<String, Decision> DECISIONS = new BoundedMemo<>(LIMIT);
    private static final BoundedMemo<String, Boolean> THINGS = new BoundedMemo<>(THING_LIMIT);

    /** The headers Ditto's defaults set on an accepted merge of a key. */
    record Decision(boolean withAckDefaults, boolean responseRequired, Set<AcknowledgementRequest> requestedAcks) {
    }

    private AcceptedMerges() {
    }

    /** The key of a twin merge at {@code /features} of value shape {@code featuresShape}. */
    static String key(final Adaptable adaptable, final String featuresShape) {
        final StringBuilder key = new StringBuilder(featuresShape.length() + 256).append(featuresShape).append('|');
        adaptable.getDittoHeaders().forEach((name, value) -> {
            if (CORRELATION_ID.equals(name)) {
                key.append(value.isEmpty() ? "cid:empty;" : "cid;");
            } else if (CONDITION.equals(name)) {
                key.append("condition;");
            } else {
                key.append(name.length()).append(':').append(name).append(value.length()).append(':').append(value);
            }
        });
        return key.toString();
    }

    /** The decision for an earlier accepted merge of this key, if its thing was accepted before too. */
    static Optional<Decision> known(final Adaptable adaptable, final String key) {
        final Decision decision = DECISIONS.known(key);
        return decision != null && THINGS.known(thing(adaptable.getTopicPath())) != null
                ? Optional.of(decision) : Optional.empty();
    }

    static void accepted(final Adaptable adaptable, final String key, final Decision decision) {
        DECISIONS.remember(key, decision);
        THINGS.remember(thing(adaptable.getTopicPath()), Boolean.TRUE);
    }

    /** The decision applied to the message's own headers, as {@link WsCommandHeaders} does after the adapter. */
    static DittoHeaders apply(final DittoHeaders given, final Decision decision, final String correlationId) {
        final org.eclipse.ditto.base.model.headers.DittoHeadersBuilder<?, ?> result = given.toBuilder()
                .correlationId(correlationId);
        if (decision.withAckDefaults()) {
            result.responseRequired(decision.responseRequired()).acknowledgementRequests(decision.requestedAcks());
        }
        return result.build();
    }

    private static String thing(final TopicPath topic) {
        return topic.getNamespace() + ":" + topic.getEntityName();
    }
}
