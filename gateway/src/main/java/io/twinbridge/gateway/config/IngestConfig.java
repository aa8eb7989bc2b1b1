package io.twinbridge.gateway.config;

import java.time.Duration;

/** The {@code ingest.*} and {@code schema-registry.*} settings; see {@link ConfigKey} for each one's meaning. */
public record IngestConfig(boolean enabled, String codec, Duration coalesceWindow, int maxWritesInFlight,
        int maxPendingTwins, int maxPendingBytes, int maxUncommittedSpan, Duration commitInterval,
        Duration drainTimeout, Duration retryInitial, Duration retryMax, String schemaRegistryUrl) {
}
