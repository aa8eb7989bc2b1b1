package io.twinbridge.gateway.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns successive {@link StatsReading}s into the page's stats event: totals, per-second rates since the previous
 * reading, and the last minutes of the ingest and egress rates. Confined to the feed's thread.
 */
final class StatsTicker {
    static final int RATE_POINTS = 120;

    private final StatsSource source;
    private final Deque<double[]> rates = new ArrayDeque<>();
    private StatsReading previous;
    private long previousMillis;

    StatsTicker(StatsSource source) {
        this.source = source;
    }

    /** Reads the source and renders the stats event; {@code twins} and {@code refused} describe the store. */
    JsonObject tick(long nowMillis, int twins, long refused) {
        StatsReading now = source.read();
        double seconds = previous == null ? 0 : Math.max(0.001, (nowMillis - previousMillis) / 1000.0);
        double consumedRate = rate(now.consumed(), previous == null ? 0 : previous.consumed(), seconds);
        double appliedRate = rate(now.applied(), previous == null ? 0 : previous.applied(), seconds);
        double egressRate = rate(now.egressEvents() + now.egressCommands(),
                previous == null ? 0 : previous.egressEvents() + previous.egressCommands(), seconds);
        previous = now;
        previousMillis = nowMillis;
        rates.addLast(new double[] {nowMillis, consumedRate, egressRate});
        while (rates.size() > RATE_POINTS) {
            rates.removeFirst();
        }
        JsonObject json = totals(now)
                .put("time", nowMillis)
                .put("ingestRate", round(consumedRate))
                .put("appliedRate", round(appliedRate))
                .put("egressRate", round(egressRate))
                .put("twins", twins)
                .put("twinsRefused", refused);
        JsonArray ingestHistory = new JsonArray();
        JsonArray egressHistory = new JsonArray();
        rates.forEach(r -> {
            ingestHistory.add(new JsonArray().add((long) r[0]).add(round(r[1])));
            egressHistory.add(new JsonArray().add((long) r[0]).add(round(r[2])));
        });
        json.put("ingestHistory", ingestHistory).put("egressHistory", egressHistory);
        if (!now.tenants().isEmpty()) {
            JsonObject tenants = new JsonObject();
            now.tenants().forEach((tenant, reading) -> tenants.put(tenant, totals(reading)));
            json.put("tenants", tenants);
        }
        return json;
    }

    private static JsonObject totals(StatsReading reading) {
        JsonObject byCode = new JsonObject();
        new java.util.TreeMap<>(reading.deadLettered()).forEach(byCode::put);
        JsonObject json = new JsonObject()
                .put("consumed", reading.consumed())
                .put("applied", reading.applied())
                .put("deadLettered", reading.deadLetteredTotal())
                .put("deadLetteredByCode", byCode)
                .put("egressEvents", reading.egressEvents())
                .put("egressCommands", reading.egressCommands());
        reading.lag().ifPresent(lag -> json.put("lag", lag));
        return json;
    }

    private static double rate(long now, long before, double seconds) {
        return seconds == 0 ? 0 : Math.max(0, now - before) / seconds;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
