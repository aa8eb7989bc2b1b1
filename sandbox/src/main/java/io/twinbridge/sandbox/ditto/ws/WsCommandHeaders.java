package io.twinbridge.sandbox.ditto.ws;

import io.twinbridge.sandbox.ditto.acks.TimeoutRule;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.ditto.base.model.acks.AcknowledgementRequest;
import org.eclipse.ditto.base.model.acks.DittoAcknowledgementLabel;
import org.eclipse.ditto.base.model.exceptions.DittoHeaderInvalidException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.base.model.signals.commands.Command;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.protocol.adapter.ProtocolAdapter;
import org.eclipse.ditto.things.model.signals.commands.ThingCommand;
import org.eclipse.ditto.things.model.signals.commands.acks.ThingModifyCommandAckRequestSetter;
import org.eclipse.ditto.things.model.signals.commands.modify.DeleteThing;
import org.eclipse.ditto.things.model.signals.commands.modify.ThingModifyCommand;

/**
 * The headers a WebSocket message gets on its way in, as Ditto 3.9.6's gateway sets and checks them before a command
 * is forwarded:
 * <ol>
 *     <li>{@code WebSocketRoute.buildSignal}: the message is turned into a signal by Ditto's protocol adapter, which
 *     refuses unknown topics and paths, bad headers and bad values with its own errors; a message without
 *     {@code correlation-id} gets a random one.</li>
 *     <li>{@code StreamingSessionActor.startAckregatorAndForward} with
 *     {@code AcknowledgementAggregatorActorStarter.preprocess}: a twin thing modify command gets the defaults of
 *     {@code ThingModifyCommandAckRequestSetter} ({@code response-required} true unless {@code timeout} is zero,
 *     {@code requested-acks} [twin-persisted] if a response is required and none are given, explicit ones kept);
 *     {@code timeout=0} with a response or acknowledgements requested is refused
 *     ({@code isTimeoutHeaderInvalid}); a modifying thing command that requests acknowledgements with
 *     {@code response-required=false} is refused ({@code checkForAcksWithoutResponse}).</li>
 * </ol>
 * Each refusal is a {@code DittoRuntimeException}, which Ditto sends back whatever {@code response-required} says.
 */
final class WsCommandHeaders {

    private static final ProtocolAdapter ADAPTER = DittoProtocolAdapter.newInstance();
    private static final ThingModifyCommandAckRequestSetter ACK_DEFAULTS =
            ThingModifyCommandAckRequestSetter.getInstance();
    private static final String REQUESTED_ACKS = "requested-acks";

    private WsCommandHeaders() {
    }

    /**
     * @return the message's headers with Ditto's defaults set (correlation id, response-required, requested-acks)
     * @throws org.eclipse.ditto.base.model.exceptions.DittoRuntimeException what Ditto refuses the message with
     */
    static DittoHeaders of(final Adaptable adaptable) {
        final Optional<String> featuresShape = FeaturesPatchShapes.shapeOf(adaptable);
        final Optional<String> mergeKey = featuresShape.map(shape -> AcceptedMerges.key(adaptable, shape));
        final Optional<AcceptedMerges.Decision> known = mergeKey.flatMap(key -> AcceptedMerges.known(adaptable, key));
        if (known.isPresent()) {
            final DittoHeaders given = adaptable.getDittoHeaders();
            return AcceptedMerges.apply(given, known.get(),
                    given.getCorrelationId().orElseGet(() -> UUID.randomUUID().toString()));
        }
        return prepare(adaptable, featuresShape, mergeKey);
    }

    /** As {@link #of(Adaptable)}, always through Ditto's protocol adapter with the whole value (for tests). */
    static DittoHeaders throughAdapter(final Adaptable adaptable) {
        return prepare(adaptable, Optional.empty(), Optional.empty());
    }

    /** Through Ditto's protocol adapter and the header checks, always. */
    private static DittoHeaders prepare(final Adaptable adaptable, final Optional<String> featuresShape,
            final Optional<String> mergeKey) {
        Signal<?> signal = ADAPTER.fromAdaptable(FeaturesPatchShapes.forAdapter(adaptable, featuresShape));
        FeaturesPatchShapes.accepted(featuresShape);
        final DittoHeaders given = adaptable.getDittoHeaders();
        if (signal.getDittoHeaders().getCorrelationId().isEmpty()) {
            signal = signal.setDittoHeaders(signal.getDittoHeaders().toBuilder()
                    .correlationId(UUID.randomUUID().toString()).build());
        }
        final boolean withAckDefaults = signal instanceof ThingModifyCommand<?> modify
                && ACK_DEFAULTS.isApplicable(modify);
        final DittoHeaders prepared = withAckDefaults
                ? ackDefaults((ThingModifyCommand<?>) signal) : signal.getDittoHeaders();
        TimeoutRule.refuseZeroTimeout(prepared);
        refuseAcksWithoutResponse(signal, prepared);
        // the message's own headers (the adapter drops some the sandbox reads), with what Ditto set on the signal
        final AcceptedMerges.Decision decision = withAckDefaults
                ? new AcceptedMerges.Decision(true, prepared.isResponseRequired(),
                prepared.getAcknowledgementRequests())
                : new AcceptedMerges.Decision(false, false, java.util.Set.of());
        final String correlationId = prepared.getCorrelationId().orElseThrow();
        if (mergeKey.isPresent() && correlationId.equals(given.getCorrelationId().orElse(correlationId))) {
            AcceptedMerges.accepted(adaptable, mergeKey.get(), decision);
        }
        return AcceptedMerges.apply(given, decision, correlationId);
    }

    /**
     * The headers {@code ThingModifyCommandAckRequestSetter.apply(command)} gives {@code command}. Its defaults depend
     * on the headers alone ({@code AbstractCommandAckRequestSetter.setDefaultDittoHeaders}; {@code isApplicable}
     * reads the channel header), so they are set on a {@code DeleteThing} of the same thing and headers: setting
     * them on the command itself would build it again, and a {@code CreateThing} renders its whole thing to JSON
     * when built.
     */
    private static DittoHeaders ackDefaults(final ThingModifyCommand<?> command) {
        return ACK_DEFAULTS.apply(DeleteThing.of(command.getEntityId(), command.getDittoHeaders())).getDittoHeaders();
    }

    /** Ditto 3.9.6's {@code Command.Category.isEntityModifyingCommand} (2.4.0 has no CREATE or MIGRATE: a creation is MODIFY). */
    private static boolean isEntityModifying(final Command.Category category) {
        return category == Command.Category.MODIFY || category == Command.Category.MERGE
                || category == Command.Category.DELETE;
    }

    /**
     * {@code StreamingSessionActor.checkForAcksWithoutResponse}, for the signals an acknowledgement aggregator would
     * start for ({@code AcknowledgementAggregatorActorStarter.shouldStartForIncoming}): modifying twin thing commands
     * that request any label but {@code live-response}.
     */
    private static void refuseAcksWithoutResponse(final Signal<?> signal, final DittoHeaders headers) {
        if (headers.isResponseRequired()) {
            // refused only without a response: spares parsing the requested acknowledgements on every command
            return;
        }
        final boolean aggregated = signal instanceof Command<?> command
                && isEntityModifying(command.getCategory())
                && signal instanceof ThingCommand<?>
                && !headers.getChannel().filter("live"::equals).isPresent()
                && headers.getAcknowledgementRequests().stream().map(AcknowledgementRequest::getLabel)
                .anyMatch(label -> !DittoAcknowledgementLabel.LIVE_RESPONSE.equals(label));
        if (aggregated) {
            throw DittoHeaderInvalidException.newBuilder().withInvalidHeaderKey(REQUESTED_ACKS)
                    .message("For WebSocket, it is forbidden to request acknowledgements while 'response-required'"
                            + " is set to false.")
                    .description("Please set 'requested-acks' to [] or 'response-required' to true.")
                    .dittoHeaders(headers).build();
        }
    }
}
