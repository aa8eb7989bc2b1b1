package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.logging.LogContext;
import io.twinbridge.gateway.mapping.DesiredCommand;
import io.twinbridge.gateway.mapping.DesiredPropertyCommands;
import io.twinbridge.gateway.mapping.FeatureValues;
import io.twinbridge.gateway.mapping.TwinRecords;
import io.twinbridge.gateway.result.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the desired-property values a twin event sets into {@code DeviceCommand} records: one record per command
 * name of the binding, so one operator change of one property gives exactly one command. Deletions (null) and the
 * desired values a thing is created with are no commands.
 */
final class DesiredCommands {
    private static final Logger LOG = LoggerFactory.getLogger(DesiredCommands.class);

    private final String tenant;
    private final DesiredPropertyCommands mappings;
    private final TwinRecords records;
    private final EgressStats stats;

    DesiredCommands(String tenant, DesiredPropertyCommands mappings, TwinRecords records, EgressStats stats) {
        this.tenant = tenant;
        this.mappings = mappings;
        this.records = records;
        this.stats = stats;
    }

    /**
     * Whether the event sets a desired value that may become a command (so the thing's model kind is needed).
     *
     * @param desired the event's {@link FeatureValues#of desired values}
     */
    static boolean setsDesiredValues(TwinEvent event, List<FeatureValues.Change> desired) {
        if (desired.isEmpty() || event.path().isEmpty() && "created".equals(event.action())) {
            return false;
        }
        for (FeatureValues.Change change : desired) {
            if (FeatureValues.toJava(change.value()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param desired the event's {@link FeatureValues#of desired values}
     * @param kindOf  model kind of a thing id
     * @param sender  sends (key, value) to the commands topic
     */
    void publish(TwinEvent event, List<FeatureValues.Change> desired, Function<String, Optional<String>> kindOf,
                 BiFunction<String, byte[], CompletableFuture<Void>> sender) {
        if (event.path().isEmpty() && "created".equals(event.action())) {
            return;
        }
        Map<String, Map<String, Object>> byCommand = new LinkedHashMap<>();
        for (FeatureValues.Change change : desired) {
            Optional<Object> value = FeatureValues.toJava(change.value());
            if (value.isEmpty()) {
                continue;
            }
            Optional<String> kind = kindOf.apply(event.thingId());
            if (kind.isEmpty()) {
                stats.commandsRejected.increment();
                LOG.warn("no command for {} rev {} {}/{}: the thing has no attributes/model", event.thingId(),
                        event.revision(), change.feature(), change.property());
                continue;
            }
            Result<DesiredCommand> command = mappings.toCommand(kind.get(), change.feature(), change.property(),
                    value.get());
            if (command.isOk()) {
                byCommand.computeIfAbsent(command.value().command(), c -> new LinkedHashMap<>())
                        .put(command.value().parameter(), TwinRecords.avroParameter(command.value()));
            } else {
                stats.commandsRejected.increment();
                LOG.warn("no command for {} rev {} {}/{}={}: {} {}", event.thingId(), event.revision(),
                        change.feature(), change.property(), change.value(), command.failure().code(),
                        command.failure().message());
            }
        }
        byCommand.forEach((command, parameters) -> {
            String commandId = event.thingId() + "@" + event.revision() + "/" + command;
            byte[] value = records.deviceCommand(tenant, event, commandId, command, parameters);
            sender.apply(event.thingName(), value).whenComplete(LogContext.carried((ok, failure) -> {
                if (failure == null) {
                    stats.commandsPublished.increment();
                } else {
                    stats.eventsDropped.increment();
                    LOG.error("Kafka did not take command {} for {}: {}", commandId, event.thingId(),
                            failure.toString());
                }
            }));
        });
    }
}
