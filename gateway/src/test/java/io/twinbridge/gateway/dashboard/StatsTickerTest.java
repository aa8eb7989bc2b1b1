package io.twinbridge.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class StatsTickerTest {
    private static StatsReading reading(long consumed, long applied, Map<String, Long> dlq, long events,
                                        OptionalLong lag, Map<String, StatsReading> tenants) {
        return new StatsReading(consumed, applied, dlq, events, 0, lag, 0, tenants);
    }

    @Test
    void ratesPerTenantComeFromTwoReadingsAndANewTenantStartsAtZero() {
        Deque<StatsReading> readings = new ArrayDeque<>(List.of(
                reading(100, 90, Map.of(), 10, OptionalLong.of(5), Map.of(
                        "acme", reading(100, 90, Map.of(), 10, OptionalLong.of(5), Map.of()))),
                reading(300, 280, Map.of("validate.out-of-range", 2L), 50, OptionalLong.of(1), Map.of(
                        "acme", reading(200, 185, Map.of("validate.out-of-range", 1L, "decode.malformed", 3L), 30,
                                OptionalLong.of(1), Map.of()),
                        "initech", reading(100, 95, Map.of(), 20, OptionalLong.empty(), Map.of())))));
        StatsTicker ticker = new StatsTicker(readings::removeFirst);

        JsonObject first = ticker.tick(10_000, 16, 0, java.util.Set.of("acme", "initech"));
        assertEquals(0.0, first.getDouble("ingestRate"));
        assertEquals(0.0, first.getJsonObject("tenants").getJsonObject("acme").getDouble("ingestRate"));

        JsonObject second = ticker.tick(12_000, 16, 0, java.util.Set.of("acme", "initech"));
        assertEquals(100.0, second.getDouble("ingestRate"));
        JsonObject acme = second.getJsonObject("tenants").getJsonObject("acme");
        assertEquals(50.0, acme.getDouble("ingestRate"));
        assertEquals(47.5, acme.getDouble("appliedRate"));
        assertEquals(10.0, acme.getDouble("egressRate"));
        assertEquals(4L, acme.getLong("deadLettered"));
        assertEquals(1L, acme.getLong("lag"));
        // the most frequent code first
        assertEquals(List.of("decode.malformed", "validate.out-of-range"),
                List.copyOf(acme.getJsonObject("deadLetteredByCode").fieldNames()));
        JsonObject initech = second.getJsonObject("tenants").getJsonObject("initech");
        assertEquals(0.0, initech.getDouble("ingestRate"), "no spike for a tenant seen for the first time");
        assertFalse(initech.containsKey("lag"), "no partition of its topic on this instance");
    }

    @Test
    void someoneWhoSeesOneTenantGetsItsFiguresOnlyAndTotalsThatAreTheirSums() {
        StatsReading acme = new StatsReading(200, 185, Map.of("decode.malformed", 3L), 30, 2, OptionalLong.of(1), 1,
                Map.of());
        StatsReading globex = new StatsReading(900, 900, Map.of("map.unknown-kind", 7L), 80, 0, OptionalLong.of(40),
                0, Map.of());
        StatsReading all = new StatsReading(1100, 1085, Map.of("decode.malformed", 3L, "map.unknown-kind", 7L), 110,
                2, OptionalLong.of(99), 1, Map.of("acme", acme, "globex", globex));
        StatsTicker ticker = new StatsTicker(() -> all);

        JsonObject seen = ticker.tick(10_000, 8, 0, java.util.Set.of("acme"));
        assertEquals(List.of("acme"), List.copyOf(seen.getJsonObject("tenants").fieldNames()));
        assertEquals(200L, seen.getLong("consumed"));
        assertEquals(185L, seen.getLong("applied"));
        assertEquals(3L, seen.getLong("deadLettered"));
        assertEquals(List.of("decode.malformed"), List.copyOf(seen.getJsonObject("deadLetteredByCode").fieldNames()));
        assertEquals(30L, seen.getLong("egressEvents"));
        assertEquals(1L, seen.getLong("lag"), "the tenant's lag, not the group's");
        assertEquals("tenants", seen.getString("scope"));
        assertFalse(seen.encode().contains("globex") || seen.encode().contains("unknown-kind"), seen.encode());

        JsonObject everything = new StatsTicker(() -> all).tick(10_000, 16, 0, java.util.Set.of("acme", "globex"));
        assertEquals(1100L, everything.getLong("consumed"));
        assertEquals(99L, everything.getLong("lag"), "the consumer group's lag");
        assertEquals("gateway", everything.getString("scope"));
    }
}
