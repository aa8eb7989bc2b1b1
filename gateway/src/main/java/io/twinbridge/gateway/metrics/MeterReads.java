package io.twinbridge.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads of the counters the flows keep in the registry, for the dashboard, logs, benchmarks and tests: each event is
 * counted once, by tenant and outcome, and a total is the registry's sum over those series (as Prometheus sums).
 */
public final class MeterReads {
    private MeterReads() {
    }

    /**
     * The sum of the counters of this name whose tags match {@code tags} (key, value, key, value...), over all their
     * other tags; 0 if there is none yet.
     */
    public static long total(MeterRegistry registry, String name, String... tags) {
        return Math.round(registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum());
    }

    /** The counters of this name that match {@code tags}, summed by the value of {@code tagKey}. */
    public static Map<String, Long> byTag(MeterRegistry registry, String name, String tagKey, String... tags) {
        Map<String, Long> out = new TreeMap<>();
        registry.find(name).tags(tags).counters().forEach(c -> {
            String value = c.getId().getTag(tagKey);
            if (value != null) {
                out.merge(value, Math.round(c.count()), Long::sum);
            }
        });
        return out;
    }
}
