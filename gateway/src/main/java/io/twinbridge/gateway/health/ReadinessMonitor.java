package io.twinbridge.gateway.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;

/**
 * Runs every {@link DependencyCheck} periodically and keeps the last result, so that {@code /ready} answers at once
 * from memory instead of probing Kafka on every request.
 */
public final class ReadinessMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessMonitor.class);

    private final Vertx vertx;
    private final List<DependencyCheck> checks;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, DependencyStatus> statuses = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private long timerId = -1;

    public ReadinessMonitor(Vertx vertx, List<DependencyCheck> checks, Duration interval, Clock clock) {
        this.vertx = vertx;
        this.checks = List.copyOf(checks);
        this.interval = interval;
        this.clock = clock;
        checks.forEach(c -> statuses.put(c.name(), DependencyStatus.unknown(clock.instant())));
    }

    public void start() {
        runChecks();
        timerId = vertx.setPeriodic(interval.toMillis(), id -> runChecks());
    }

    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Ready when every dependency answered its last check. */
    public boolean isReady() {
        return statuses.values().stream().allMatch(DependencyStatus::isUp);
    }

    /** Status per dependency, in the order the checks were given. */
    public Map<String, DependencyStatus> statuses() {
        Map<String, DependencyStatus> ordered = new LinkedHashMap<>();
        checks.forEach(c -> ordered.put(c.name(), statuses.get(c.name())));
        return Collections.unmodifiableMap(ordered);
    }

    private void runChecks() {
        for (DependencyCheck check : checks) {
            // A slow check (Kafka down: up to its timeout) must not pile up behind itself.
            if (running.add(check.name())) {
                check.check().onComplete(result -> {
                    running.remove(check.name());
                    record(check.name(), result.succeeded() ? DependencyStatus.State.UP : DependencyStatus.State.DOWN,
                            result.succeeded() ? "" : String.valueOf(result.cause().getMessage()));
                });
            }
        }
    }

    private void record(String name, DependencyStatus.State state, String detail) {
        DependencyStatus previous = statuses.get(name);
        if (previous.state() != state) {
            if (state == DependencyStatus.State.UP) {
                LOG.info("{} is up", name);
            } else {
                LOG.warn("{} is down: {}", name, detail);
            }
            statuses.put(name, new DependencyStatus(state, detail, clock.instant()));
        } else if (!previous.detail().equals(detail)) {
            statuses.put(name, new DependencyStatus(state, detail, previous.since()));
        }
    }
}
