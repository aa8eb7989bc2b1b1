package io.twinbridge.gateway.config;

import java.time.Duration;

/** How {@code /ready} checks its dependencies. */
public record ReadinessConfig(Duration checkInterval, Duration timeout) {
}
