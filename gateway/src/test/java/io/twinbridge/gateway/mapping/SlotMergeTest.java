package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.twinbridge.gateway.model.ModelRegistry;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Patches mapped by one binding share a layout and {@link TwinPatchCoalescer} merges them slot by slot; the result
 * must equal the merge of the same patches through their map views (the path of builder-made patches).
 */
class SlotMergeTest {
    private static final TelemetryMappers MAPPERS = TelemetryMappers.compile(ModelRegistry.fromClasspath());

    private static TwinPatch vehicle(long ts, String absentField, double speedMs) {
        Map<String, Object> event = SampleEvents.vehicle();
        SampleEvents.with(event, "timestamp", ts);
        SampleEvents.with(event, "location.speedMs", speedMs);
        if (absentField != null) {
            SampleEvents.with(event, absentField, null);
        }
        return MAPPERS.map(SampleEvents.event("VehicleTelemetry", event)).value();
    }

    /** The same content in a builder-made patch, which has a layout of its own. */
    private static TwinPatch rebuilt(TwinPatch patch) {
        TwinPatch.Builder builder = TwinPatch.builder(patch.deviceId(), patch.sourceTimestamp());
        patch.features().forEach((feature, props) -> props.forEach((name, value) -> builder.put(feature, name, value)));
        return builder.build();
    }

    private static void assertSameMerge(TwinPatch earlier, TwinPatch later) {
        TwinPatch slotWise = TwinPatchCoalescer.merge(earlier, later);
        TwinPatch viaMaps = TwinPatchCoalescer.merge(rebuilt(earlier), rebuilt(later));

        assertEquals(viaMaps, slotWise);
        assertEquals(viaMaps.sourceTimestamp(), slotWise.sourceTimestamp());
        for (String feature : viaMaps.featureIds()) {
            assertEquals(viaMaps.featureSourceTimestamp(feature), slotWise.featureSourceTimestamp(feature), feature);
        }
        assertEquals(Set.copyOf(viaMaps.toMergePatch().getKeys()), Set.copyOf(slotWise.toMergePatch().getKeys()));
        JsonObject expected = viaMaps.toMergePatch();
        JsonObject actual = slotWise.toMergePatch();
        for (String feature : viaMaps.featureIds()) {
            JsonPointer properties = JsonPointer.of("/features/" + feature + "/properties");
            assertEquals(expected.getValue(properties), actual.getValue(properties), feature);
        }
        assertEquals(viaMaps.freshnessCondition(), slotWise.freshnessCondition());
        assertEquals(viaMaps.redeliveryCondition(), slotWise.redeliveryCondition());
    }

    static Stream<Arguments> twoArrivalOrders() {
        return Stream.of(
                Arguments.of("in order: newer values win and absent ones are kept",
                        vehicle(1_000, "powertrain.engineRpm", 10.0), vehicle(2_000, "powertrain.batterySocPct", 20.0)),
                Arguments.of("a late older patch never overwrites newer values",
                        vehicle(2_000, "powertrain.engineRpm", 20.0), vehicle(1_000, "powertrain.batterySocPct", 10.0)));
    }

    /** Whichever of the two patches arrives first, the sample of 2 000 (speed 20 m/s) wins and absent values stay. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("twoArrivalOrders")
    void theNewerSampleWinsWhateverTheArrivalOrder(String name, TwinPatch first, TwinPatch second) {
        assertSameMerge(first, second);
        TwinPatch merged = TwinPatchCoalescer.merge(first, second);
        assertEquals(72.0, (Double) merged.value("location", "speed").orElseThrow(), 1e-9);
        assertEquals(67.5, merged.value("powertrain", "batteryStateOfCharge").orElseThrow());
        assertEquals(2_000, merged.featureSourceTimestamp("location"));
        assertEquals(2_000, merged.sourceTimestamp());
    }

    @Test
    void mixedTimestampsGiveEachFeatureItsNewestSample() {
        TwinPatch a = vehicle(3_000, "powertrain.batterySocPct", 30.0);
        TwinPatch b = vehicle(1_000, null, 10.0);
        TwinPatch c = vehicle(2_000, "powertrain.engineRpm", 20.0);

        assertSameMerge(a, b);
        assertSameMerge(TwinPatchCoalescer.merge(a, b), c);
        TwinPatch merged = TwinPatchCoalescer.mergeAll(java.util.List.of(a, b, c));
        assertEquals(3_000, merged.featureSourceTimestamp("location"));
        assertEquals(3_000, merged.featureSourceTimestamp("powertrain"));
        assertEquals(3_000, merged.sourceTimestamp());
    }

    @Test
    void equalTimestampsLetTheLaterPatchWin() {
        TwinPatch first = vehicle(1_000, null, 10.0);
        TwinPatch second = vehicle(1_000, null, 11.0);

        assertSameMerge(first, second);
        assertEquals(39.6, (Double) TwinPatchCoalescer.merge(first, second).value("location", "speed")
                .orElseThrow(), 1e-9);
        assertNotEquals(TwinPatchCoalescer.merge(first, second), TwinPatchCoalescer.merge(second, first));
    }

    @Test
    void mappedPatchLeavesOutAbsentPropertiesInEveryView() {
        TwinPatch patch = vehicle(1_000, "powertrain.engineRpm", 10.0);

        assertFalse(patch.features().get("powertrain").containsKey("engineSpeed"));
        assertEquals(rebuilt(patch), patch);
        assertEquals(rebuilt(patch).toMergePatch(), patch.toMergePatch());
        assertEquals(rebuilt(patch).freshnessCondition(), patch.freshnessCondition());
    }
}
