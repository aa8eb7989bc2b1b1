package io.twinbridge.gateway.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges patches for one thing into one. Per property the value with the later source timestamp wins, so a late,
 * older sample never overwrites a newer one. With distinct timestamps the result is independent of input order; on
 * equal timestamps the patch given later (partition order) wins.
 *
 * <p>Patches mapped by one binding share a layout and merge slot by slot; their properties then keep the binding's
 * order. Other patches merge through their map views: the earlier patch's properties first, then the later's new ones.
 */
public final class TwinPatchCoalescer {
    private TwinPatchCoalescer() {
    }

    public static TwinPatch merge(TwinPatch earlier, TwinPatch later) {
        if (!earlier.deviceId().equals(later.deviceId())) {
            throw new IllegalArgumentException("cannot coalesce patches of devices " + earlier.deviceId()
                    + " and " + later.deviceId());
        }
        Optional<TwinPatch> sameLayout = earlier.mergeSameLayout(later);
        if (sameLayout.isPresent()) {
            return sameLayout.get();
        }
        TwinPatch.Builder merged = TwinPatch.builder(earlier.deviceId(),
                Math.max(earlier.sourceTimestamp(), later.sourceTimestamp()));
        earlier.features().forEach((feature, props) -> props.forEach((name, value) -> {
            TimedValue other = later.features().getOrDefault(feature, Map.of()).get(name);
            merged.put(feature, name, other != null && other.sourceTs() >= value.sourceTs() ? other : value);
        }));
        later.features().forEach((feature, props) -> props.forEach((name, value) -> {
            if (!earlier.features().getOrDefault(feature, Map.of()).containsKey(name)) {
                merged.put(feature, name, value);
            }
        }));
        return merged.build();
    }

    /** Folds patches given in arrival order; the list must not be empty. */
    public static TwinPatch mergeAll(List<TwinPatch> inArrivalOrder) {
        if (inArrivalOrder.isEmpty()) {
            throw new IllegalArgumentException("nothing to coalesce");
        }
        TwinPatch result = inArrivalOrder.get(0);
        for (int i = 1; i < inArrivalOrder.size(); i++) {
            result = merge(result, inArrivalOrder.get(i));
        }
        return result;
    }
}
