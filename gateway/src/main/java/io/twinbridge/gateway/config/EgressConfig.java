package io.twinbridge.gateway.config;

/** The {@code egress.*} settings; see {@link ConfigKey} for each one's meaning. */
public record EgressConfig(boolean enabled, String format, boolean acks, String ackLabel, int maxBufferedEvents,
                           int maxCachedThings, java.time.Duration reconcileInterval, int reconcileMaxThings,
                           boolean failover, java.time.Duration failoverTimeout) {
}
