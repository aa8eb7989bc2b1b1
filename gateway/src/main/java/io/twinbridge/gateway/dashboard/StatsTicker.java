package io.twinbridge.gateway.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns successive {@link StatsReading}s into the page's stats event: totals, per-second rates since the previous
 * reading, the last minutes of the ingest and egress rates, and the same figures and rates per tenant. Confined to
 * the feed's thread.
 */
final class StatsTicker {
    static final int RATE_POINTS = 120;

    private final StatsSource source;
    private final Deque<double[]> rates = new ArrayDeque<>();
    private StatsReading previous;
    private long previousMillis;
    private java.util.Set<String> previousVisible;

    StatsTicker(StatsSource source) {
        this.source = source;
    }

    /**
     * Reads the source and renders the stats event; {@code twins} and {@code refused} describe the store. Only the
     * {@code visible} tenants' figures are in it, and the totals are theirs ({@link StatsReading#restrictedTo}).
     */
    JsonObject tick(long nowMillis, int twins, long refused, java.util.Set<String> visible) {
        StatsReading all = source.read();
        StatsReading now = all.restrictedTo(visible);
        if (!visible.equals(previousVisible)) {
            // other tenants' totals: a rate against the previous reading would count the step as traffic
            previous = null;
            rates.clear();
            previousVisible = java.util.Set.copyOf(visible);
        }
        double seconds = previous == null ? 0 : Math.max(0.001, (nowMillis - previousMillis) / 1000.0);
        JsonObject json = figures(now, previous, seconds);
        rates.addLast(new double[] {nowMillis, json.getDouble("ingestRate"), json.getDouble("egressRate")});
        while (rates.size() > RATE_POINTS) {
            rates.removeFirst();
        }
        json.put("time", nowMillis).put("twins", twins).put("twinsRefused", refused)
                // the page says whose figures the totals are: the whole gateway's, or the visible tenants' sums
                .put("scope", now == all ? "gateway" : "tenants");
        JsonArray ingestHistory = new JsonArray();
        JsonArray egressHistory = new JsonArray();
        rates.forEach(r -> {
            ingestHistory.add(new JsonArray().add((long) r[0]).add(r[1]));
            egressHistory.add(new JsonArray().add((long) r[0]).add(r[2]));
        });
        json.put("ingestHistory", ingestHistory).put("egressHistory", egressHistory);
        if (!now.tenants().isEmpty()) {
            JsonObject tenants = new JsonObject();
            new TreeMap<>(now.tenants()).forEach((tenant, reading) -> tenants.put(tenant, figures(reading,
                    previous == null ? null : previous.tenants().get(tenant), seconds)));
            json.put("tenants", tenants);
        }
        previous = now;
        previousMillis = nowMillis;
        return json;
    }

    /** Totals and rates; without a previous reading (first tick, or a tenant just added) the rates are 0. */
    private static JsonObject figures(StatsReading now, StatsReading before, double seconds) {
        JsonObject byCode = new JsonObject();
        // the most frequent codes first: the page shows the top few
        now.deadLettered().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> byCode.put(e.getKey(), e.getValue()));
        JsonObject json = new JsonObject()
                .put("consumed", now.consumed())
                .put("applied", now.applied())
                .put("deadLettered", now.deadLetteredTotal())
                .put("deadLetteredByCode", byCode)
                .put("egressEvents", now.egressEvents())
                .put("egressCommands", now.egressCommands())
                .put("pausedPartitions", now.pausedPartitions());
        now.lag().ifPresent(lag -> json.put("lag", lag));
        boolean rated = before != null && seconds > 0;
        json.put("ingestRate", rated ? rate(now.consumed(), before.consumed(), seconds) : 0.0)
                .put("appliedRate", rated ? rate(now.applied(), before.applied(), seconds) : 0.0)
                .put("egressRate", rated ? rate(now.egressEvents() + now.egressCommands(),
                        before.egressEvents() + before.egressCommands(), seconds) : 0.0);
        return json;
    }

    private static double rate(long now, long before, double seconds) {
        return Math.round(Math.max(0, now - before) / seconds * 10) / 10.0;
    }
}
