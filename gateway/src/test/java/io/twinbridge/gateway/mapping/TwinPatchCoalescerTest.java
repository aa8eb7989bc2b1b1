package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TwinPatchCoalescerTest {

    private static TwinPatch patch(long ts, Object... featurePropertyValue) {
        TwinPatch.Builder b = TwinPatch.builder("WTG-07", ts);
        for (int i = 0; i < featurePropertyValue.length; i += 3) {
            b.put((String) featurePropertyValue[i], (String) featurePropertyValue[i + 1], featurePropertyValue[i + 2]);
        }
        return b.build();
    }

    @Test
    void laterSourceTimestampWinsPerProperty() {
        TwinPatch older = patch(100, "rotor", "speed", 10.0, "rotor", "pitchAngle", 2.0);
        TwinPatch newer = patch(200, "rotor", "speed", 12.0);

        TwinPatch merged = TwinPatchCoalescer.merge(older, newer);

        assertEquals(12.0, merged.value("rotor", "speed").orElseThrow());
        assertEquals(2.0, merged.value("rotor", "pitchAngle").orElseThrow());
        assertEquals(200, merged.sourceTimestamp());
        assertEquals(200, merged.featureSourceTimestamp("rotor"));
    }

    @Test
    void lateOlderValueNeverOverwritesNewerOne() {
        TwinPatch newer = patch(200, "rotor", "speed", 12.0, "status", "state", "PRODUCING");
        TwinPatch lateOlder = patch(100, "rotor", "speed", 10.0, "status", "state", "STARTING",
                "generator", "power", 5.0);

        TwinPatch merged = TwinPatchCoalescer.merge(newer, lateOlder);

        assertEquals(12.0, merged.value("rotor", "speed").orElseThrow());
        assertEquals("PRODUCING", merged.value("status", "state").orElseThrow());
        assertEquals(5.0, merged.value("generator", "power").orElseThrow());
        assertEquals(100, merged.featureSourceTimestamp("generator"));
        assertEquals(200, merged.sourceTimestamp());
    }

    @Test
    void equalTimestampsLetTheLaterArrivalWin() {
        TwinPatch first = patch(100, "rotor", "speed", 10.0);
        TwinPatch second = patch(100, "rotor", "speed", 11.0);

        assertEquals(11.0, TwinPatchCoalescer.merge(first, second).value("rotor", "speed").orElseThrow());
        assertEquals(10.0, TwinPatchCoalescer.merge(second, first).value("rotor", "speed").orElseThrow());
    }

    @Test
    void everyPermutationOfDistinctTimestampsGivesTheSameResult() {
        List<TwinPatch> patches = List.of(
                patch(100, "rotor", "speed", 10.0, "rotor", "pitchAngle", 1.0),
                patch(300, "rotor", "speed", 13.0, "nacelle", "yaw", 180.0),
                patch(200, "rotor", "pitchAngle", 2.0, "status", "state", "PRODUCING"),
                patch(400, "status", "state", "CURTAILED"),
                patch(150, "nacelle", "yaw", 175.0, "generator", "power", 1200.0));
        TwinPatch expected = TwinPatch.builder("WTG-07", 400)
                .put("rotor", "speed", new TimedValue(13.0, 300))
                .put("rotor", "pitchAngle", new TimedValue(2.0, 200))
                .put("nacelle", "yaw", new TimedValue(180.0, 300))
                .put("status", "state", new TimedValue("CURTAILED", 400))
                .put("generator", "power", new TimedValue(1200.0, 150))
                .build();

        List<List<TwinPatch>> permutations = new ArrayList<>();
        permute(new ArrayList<>(patches), 0, permutations);
        assertEquals(120, permutations.size());
        for (List<TwinPatch> order : permutations) {
            assertEquals(expected, TwinPatchCoalescer.mergeAll(order), order::toString);
        }
    }

    @Test
    void shuffledLargeInputKeepsTheNewestValuePerProperty() {
        Random random = new Random(42);
        List<TwinPatch> patches = new ArrayList<>();
        for (int ts = 1; ts <= 200; ts++) {
            patches.add(patch(ts, "rotor", "speed", (double) ts, "generator", "power", ts * 10.0));
        }
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(patches, random);
            TwinPatch merged = TwinPatchCoalescer.mergeAll(patches);
            assertEquals(200.0, merged.value("rotor", "speed").orElseThrow());
            assertEquals(2000.0, merged.value("generator", "power").orElseThrow());
            assertEquals(200, merged.sourceTimestamp());
        }
    }

    @Test
    void mergeIsAssociative() {
        TwinPatch a = patch(100, "rotor", "speed", 10.0);
        TwinPatch b = patch(300, "rotor", "speed", 13.0, "nacelle", "yaw", 1.0);
        TwinPatch c = patch(200, "nacelle", "yaw", 2.0, "rotor", "pitchAngle", 3.0);

        assertEquals(TwinPatchCoalescer.merge(TwinPatchCoalescer.merge(a, b), c),
                TwinPatchCoalescer.merge(a, TwinPatchCoalescer.merge(b, c)));
    }

    @Test
    void patchesOfDifferentDevicesAreRefused() {
        TwinPatch other = TwinPatch.builder("WTG-08", 1).put("rotor", "speed", 1.0).build();
        assertThrows(IllegalArgumentException.class, () -> TwinPatchCoalescer.merge(patch(1, "rotor", "speed", 1.0), other));
        assertThrows(IllegalArgumentException.class, () -> TwinPatchCoalescer.mergeAll(List.of()));
    }

    private static void permute(List<TwinPatch> list, int k, List<List<TwinPatch>> out) {
        if (k == list.size()) {
            out.add(List.copyOf(list));
            return;
        }
        for (int i = k; i < list.size(); i++) {
            Collections.swap(list, k, i);
            permute(list, k + 1, out);
            Collections.swap(list, k, i);
        }
    }
}
