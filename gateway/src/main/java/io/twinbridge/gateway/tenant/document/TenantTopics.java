package io.twinbridge.gateway.tenant.document;

import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The overrides of a tenant's topic names; each one that is absent is derived from the gateway's topic prefix. */
public record TenantTopics(Optional<String> telemetry, Optional<String> deadLetter, Optional<String> twinEvents,
                           Optional<String> commands) {
    public static final TenantTopics DERIVED =
            new TenantTopics(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public TenantTopics {
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(deadLetter, "deadLetter");
        Objects.requireNonNull(twinEvents, "twinEvents");
        Objects.requireNonNull(commands, "commands");
    }

    /** Every topic name of the tenant, overridden or derived, keyed by its document name, in a fixed order. */
    public Map<String, String> resolve(TopicNames derived, TenantId tenant) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("telemetry", telemetry.orElse(derived.telemetry(tenant)));
        names.put("deadLetter", deadLetter.orElse(derived.deadLetter(tenant)));
        names.put("twinEvents", twinEvents.orElse(derived.twinEvents(tenant)));
        names.put("commands", commands.orElse(derived.commands(tenant)));
        return names;
    }

    /** The overrides only, keyed by document name. */
    public Map<String, String> overrides() {
        Map<String, String> set = new LinkedHashMap<>();
        telemetry.ifPresent(t -> set.put("telemetry", t));
        deadLetter.ifPresent(t -> set.put("deadLetter", t));
        twinEvents.ifPresent(t -> set.put("twinEvents", t));
        commands.ifPresent(t -> set.put("commands", t));
        return set;
    }
}
