package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.mapping.FeatureValues;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.logging.LogContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desired-property loop of one tenant: an operator's desired value becomes a {@code DeviceCommand}, and a
 * reported value that reaches a pending desired one clears it in Ditto. Runs on the tenant's worker thread and never
 * waits for Ditto there.
 */
final class DesiredLoop {
    private static final Logger LOG = LoggerFactory.getLogger(DesiredLoop.class);

    private final DittoPort reader;
    private final DittoPort writer;
    private final DesiredCommands commands;
    private final RecordSender sender;
    private final String commandsTopic;
    private final Executor worker;
    private final Duration dittoWait;
    private final EgressStats stats;

    /**
     * @param reader reads a thing's model kind when no event told it yet
     * @param writer clears applied desired values; must not be the egress session, whose own changes Ditto never
     *               sends back to it
     */
    DesiredLoop(DittoPort reader, DittoPort writer, DesiredCommands commands, RecordSender sender,
                String commandsTopic, Executor worker, Duration dittoWait, EgressStats stats) {
        this.reader = reader;
        this.writer = writer;
        this.commands = commands;
        this.sender = sender;
        this.commandsTopic = commandsTopic;
        this.worker = worker;
        this.dittoWait = dittoWait;
        this.stats = stats;
    }

    /**
     * After the event's twin record was handed to Kafka.
     *
     * @param desired the event's {@link FeatureValues#of desired values}, found once per event by the caller
     */
    void handle(TwinEvent event, ThingFacts thing, List<FeatureValues.Change> desired) {
        publishCommands(event, thing, desired);
        closeLoop(event, thing);
    }

    /** Only the commands of an event whose twin record a resync record covers. */
    void commandsOf(TwinEvent event, ThingFacts thing, List<FeatureValues.Change> desired) {
        publishCommands(event, thing, desired);
    }

    /**
     * The commands of an event, once the thing's model kind is known. When egress has not seen it yet, it is read
     * from Ditto without blocking the worker; the thing's commands wait in order behind that read.
     */
    private void publishCommands(TwinEvent event, ThingFacts thing, List<FeatureValues.Change> desired) {
        if (!DesiredCommands.setsDesiredValues(event, desired)) {
            return;
        }
        if (thing.kind.isEmpty() && thing.kindLookup == null) {
            thing.kindLookup = reader.retrieveThingState(ThingId.of(event.thingId())).toCompletableFuture()
                    .orTimeout(dittoWait.toMillis(), TimeUnit.MILLISECONDS)
                    .handleAsync((state, failure) -> {
                        if (failure != null) {
                            LOG.warn("cannot read the model kind of {} from Ditto: {}", event.thingId(),
                                    failure.toString());
                        } else {
                            state.ifPresent(thing::learnState);
                        }
                        thing.kindLookup = null;
                        return null;
                    }, worker);
        }
        CompletableFuture<Void> after = thing.kindLookup == null ? thing.commands
                : thing.commands.thenCombine(thing.kindLookup, (a, b) -> null);
        thing.commands = after.thenRunAsync(LogContext.carried(() -> commands.publish(event, desired, id -> thing.kind,
                        (key, value) -> sender.send(commandsTopic, key, value, false, event.correlationId()))), worker)
                .exceptionally(failure -> {
                    LOG.error("commands of {} rev {} not published", event.thingId(), event.revision(), failure);
                    return null;
                });
    }

    /**
     * When a reported property reaches the value still pending as desired, the desired property is cleared, on
     * the condition that it still holds that value (an operator may have changed it meanwhile).
     */
    private void closeLoop(TwinEvent event, ThingFacts thing) {
        if (thing.pendingDesired.isEmpty()) {
            return; // most things: nothing pending, so no reported value to look for
        }
        for (FeatureValues.Change reported : FeatureValues.of(event, FeatureValues.REPORTED)) {
            String key = reported.feature() + "/" + reported.property();
            JsonValue desired = thing.pendingDesired.get(key);
            if (desired == null || !ValuesMatch.same(desired, reported.value())) {
                continue;
            }
            thing.pendingDesired.remove(key);
            JsonPointer pointer = JsonPointer.of("/features/" + reported.feature() + "/desiredProperties/"
                    + reported.property());
            // Merged at the feature's desired properties, never at the thing's root: Ditto 3.9 turns a root merge
            // of a thing deleted meanwhile into a create with a default policy (ModifyToCreateThingTransformer),
            // whereas a merge at a path of a missing thing is answered 404
            JsonPointer desiredProperties = JsonPointer.of("/features/" + reported.feature() + "/desiredProperties");
            JsonObject patch = JsonObject.empty().setValue(JsonPointer.of("/" + reported.property()),
                    JsonValue.nullLiteral());
            DittoRequestOptions options = DittoRequestOptions.defaults()
                    .withCondition("eq(" + pointer.toString().substring(1) + "," + desired + ")");
            writer.mergeThing(ThingId.of(event.thingId()), desiredProperties, patch, options)
                    .whenComplete(LogContext.carried((ok, failure) -> {
                        if (failure == null) {
                            stats.desiredCleared.increment();
                        } else {
                            LOG.warn("could not clear the applied desired property {} of {}: {}", key,
                                    event.thingId(), failure.toString());
                        }
                    }));
        }
    }
}
