package io.twinbridge.sandbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The demo's incidents: which assets fault, when, how, and that the rest of the fleet is left as it was. */
class AssetIncidentsTest {
    /** Ten simulated minutes of the demo's fleet: two tenants, two devices of each kind, one sample a second. */
    private static final int ROUNDS = 600;

    private static List<SimRecord> run(FleetOptions options) {
        FleetSimulator simulator = new FleetSimulator(options);
        return simulator.stream().limit((long) ROUNDS * simulator.deviceCount()).toList();
    }

    private static Object nested(GenericRecord record, String group, String field) {
        return ((GenericRecord) record.get(group)).get(field);
    }

    private static boolean faulted(SimRecord r) {
        return switch (r.kind()) {
            case TURBINE -> nested(r.telemetry(), "status", "state").toString().equals("FAULT");
            case HVAC -> (Boolean) nested(r.telemetry(), "filter", "replaceRequired");
            default -> false;
        };
    }

    @Test
    void oneTurbinePerTenantTripsForTwentySecondsEveryTwoMinutesAndRecovers() {
        List<SimRecord> records = run(FleetOptions.defaults().withIncidents(AssetIncidents.demo()));
        Map<String, Set<Long>> faultSecondsByTurbine = new TreeMap<>();
        Set<Integer> codes = new HashSet<>();
        for (SimRecord r : records) {
            if (r.kind() != AssetKind.TURBINE) {
                continue;
            }
            GenericRecord t = r.telemetry();
            Integer code = (Integer) nested(t, "status", "faultCode");
            if (faulted(r)) {
                faultSecondsByTurbine.computeIfAbsent(r.tenant() + ":" + r.key(), k -> new HashSet<>())
                        .add((r.timestamp() - FleetOptions.defaults().start().toEpochMilli()) / 1000);
                assertEquals(0.0, (Double) nested(t, "generator", "powerW"));
                assertEquals(90.0, (Double) nested(t, "rotor", "pitchAngleDeg"));
                assertTrue(code != null && code > 0 && code <= 65535, "fault code " + code);
                codes.add(code);
            } else if (faultSecondsByTurbine.containsKey(r.tenant() + ":" + r.key())) {
                assertEquals(0, code, "a recovered turbine clears its code");
            }
        }
        assertEquals(2, faultSecondsByTurbine.size(), faultSecondsByTurbine.keySet().toString());
        List<Set<Long>> seconds = List.copyOf(faultSecondsByTurbine.values());
        // five windows of 20 s each in ten minutes (acme's from 45 s, globex's from 105 s)
        assertEquals(Set.of(45L, 64L, 165L, 525L), intersect(seconds.get(0), Set.of(44L, 45L, 64L, 65L, 165L, 525L)));
        assertEquals(100, seconds.get(0).size());
        assertEquals(Set.of(105L, 124L), intersect(seconds.get(1), Set.of(104L, 105L, 124L, 125L)));
        assertTrue(codes.size() > 1, "the codes vary from trip to trip: " + codes);
    }

    @Test
    void oneHvacFilterClogsUntilItAsksToBeReplacedAndIsReplaced() {
        List<SimRecord> records = run(FleetOptions.defaults().withIncidents(AssetIncidents.demo()));
        Map<String, List<GenericRecord>> hvac = new TreeMap<>();
        records.stream().filter(r -> r.kind() == AssetKind.HVAC)
                .forEach(r -> hvac.computeIfAbsent(r.tenant() + ":" + r.key(), k -> new java.util.ArrayList<>())
                        .add(r.telemetry()));
        List<String> clogging = hvac.entrySet().stream().filter(e -> e.getValue().stream()
                .anyMatch(t -> (Boolean) nested(t, "filter", "replaceRequired"))).map(Map.Entry::getKey).toList();
        assertEquals(1, clogging.size(), clogging.toString());
        List<GenericRecord> series = hvac.get(clogging.get(0));
        int flagged = 0;
        int replacements = 0;
        for (int i = 0; i < series.size(); i++) {
            double pa = (Double) nested(series.get(i), "filter", "pressureDropPa");
            boolean replace = (Boolean) nested(series.get(i), "filter", "replaceRequired");
            assertTrue(pa >= 0 && pa <= 1000, "within the model's range: " + pa);
            assertEquals(pa > HvacSimulation.REPLACE_AT_PA, replace, "flag and pressure agree at " + i);
            flagged += replace ? 1 : 0;
            if (i > 0 && (Boolean) nested(series.get(i - 1), "filter", "replaceRequired") && !replace) {
                replacements++;
                assertTrue(pa < 150, "a new filter is clean: " + pa);
            }
        }
        // windows of 30 s from 75 s, every 240 s: 75..105, 315..345, 555..585
        assertEquals(90, flagged);
        assertEquals(3, replacements);
    }

    @Test
    void atMostOneAssetIsFaultedAtATimeAndTheOthersAreUntouched() {
        List<SimRecord> with = run(FleetOptions.defaults().withIncidents(AssetIncidents.demo()));
        List<SimRecord> without = run(FleetOptions.defaults());
        Map<Long, Integer> faultedPerSecond = new HashMap<>();
        Set<String> changedDevices = new HashSet<>();
        for (int i = 0; i < with.size(); i++) {
            SimRecord a = with.get(i);
            if (faulted(a)) {
                faultedPerSecond.merge(a.timestamp(), 1, Integer::sum);
            }
            if (!a.telemetry().equals(without.get(i).telemetry())) {
                changedDevices.add(a.tenant() + ":" + a.key());
            }
        }
        assertEquals(Set.of(1), Set.copyOf(faultedPerSecond.values()));
        assertEquals(3, changedDevices.size(), changedDevices.toString());
        assertEquals(without.size(), with.size());
    }

    @Test
    void theSameSeedGivesTheSameIncidentsAndAnotherSeedOtherAssetsOrCodes() {
        FleetOptions options = FleetOptions.defaults().withIncidents(AssetIncidents.demo());
        assertEquals(run(options).stream().map(SimRecord::telemetry).toList(),
                run(options).stream().map(SimRecord::telemetry).toList());
        assertNotEquals(trips(options), trips(options.withSeed(7)));
    }

    @Test
    void aFaultCanBeActiveFromTheStartAndTimingIsChecked() {
        List<SimRecord> first = run(FleetOptions.defaults().withIncidents(AssetIncidents.demo()
                .withFirstAt(Duration.ZERO))).subList(0, 16);
        assertEquals(1, first.stream().filter(AssetIncidentsTest::faulted).count());
        assertFalse(run(FleetOptions.defaults()).stream().anyMatch(AssetIncidentsTest::faulted));
        assertThrows(IllegalArgumentException.class, () -> AssetIncidents.demo()
                .withTiming(Duration.ofSeconds(20), Duration.ofSeconds(20)));
    }

    /** Each faulted turbine sample as tenant, device and fault code. */
    private static List<String> trips(FleetOptions options) {
        return run(options).stream().filter(r -> r.kind() == AssetKind.TURBINE && faulted(r))
                .map(r -> r.tenant() + ":" + r.key() + "=" + nested(r.telemetry(), "status", "faultCode")).toList();
    }

    private static Set<Long> intersect(Set<Long> a, Set<Long> b) {
        Set<Long> out = new java.util.TreeSet<>(a);
        out.retainAll(b);
        return out;
    }
}
