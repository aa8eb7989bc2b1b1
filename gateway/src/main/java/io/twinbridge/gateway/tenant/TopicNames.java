package io.twinbridge.gateway.tenant;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The topic naming scheme {@code <prefix>.<kind>.<tenant>}: the tenant is always taken from the topic, never from a
 * record's payload.
 */
public final class TopicNames {
    public static final String TELEMETRY = "telemetry";
    public static final String DLQ = "dlq";
    public static final String TWIN_EVENTS = "twin-events";
    public static final String COMMANDS = "commands";

    private final String prefix;

    public TopicNames(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("invalid topic prefix '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String telemetry(TenantId tenant) {
        return name(TELEMETRY, tenant);
    }

    public String deadLetter(TenantId tenant) {
        return name(DLQ, tenant);
    }

    public String twinEvents(TenantId tenant) {
        return name(TWIN_EVENTS, tenant);
    }

    public String commands(TenantId tenant) {
        return name(COMMANDS, tenant);
    }

    /** Matches the telemetry topics of exactly these tenants; matches nothing when there are none. */
    public Pattern telemetryPattern(java.util.Collection<TenantId> tenants) {
        if (tenants.isEmpty()) {
            return Pattern.compile("(?!)");
        }
        return Pattern.compile(Pattern.quote(prefix + "." + TELEMETRY + ".") + "(?:" + tenants.stream()
                .map(t -> Pattern.quote(t.value())).sorted().collect(java.util.stream.Collectors.joining("|")) + ")");
    }

    /** Matches exactly these topics; matches nothing when there are none. */
    public static Pattern exactly(java.util.Collection<String> topics) {
        if (topics.isEmpty()) {
            return Pattern.compile("(?!)");
        }
        return Pattern.compile(topics.stream().sorted().map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining("|")));
    }

    /** Matches every tenant's telemetry topic. */
    public Pattern telemetryPattern() {
        return Pattern.compile(Pattern.quote(prefix + "." + TELEMETRY + ".") + TenantId.PATTERN.pattern());
    }

    /** The tenant of a telemetry topic, or empty if the topic is not one. */
    public Optional<TenantId> tenantOfTelemetry(String topic) {
        String head = prefix + "." + TELEMETRY + ".";
        if (!topic.startsWith(head)) {
            return Optional.empty();
        }
        String tenant = topic.substring(head.length());
        return TenantId.PATTERN.matcher(tenant).matches() ? Optional.of(TenantId.of(tenant)) : Optional.empty();
    }

    /** The dead-letter topic for a telemetry topic of this scheme. */
    public String deadLetterFor(String telemetryTopic) {
        return tenantOfTelemetry(telemetryTopic).map(this::deadLetter)
                .orElseThrow(() -> new IllegalArgumentException("not a telemetry topic: " + telemetryTopic));
    }

    private String name(String kind, TenantId tenant) {
        return prefix + "." + kind + "." + tenant.value();
    }
}
