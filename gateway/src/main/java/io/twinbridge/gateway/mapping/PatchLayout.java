package io.twinbridge.gateway.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of the patches of one binding: which feature and property each slot holds. A {@link TwinPatch} stores
 * its values in an array indexed by slot, so the mapper writes a property with one array store instead of hash map
 * insertions, and every patch of a binding shares one layout. Immutable.
 */
final class PatchLayout {
    private final String[] features;
    private final int[] slotFeature;
    private final String[] slotProperty;
    private final int[][] featureSlots;
    /** Built on first use: only layouts whose patches are written need it. */
    private volatile LayoutText text;

    /**
     * @param slotFeatures   the feature of each slot
     * @param slotProperties the property of each slot; each (feature, property) pair at most once
     */
    PatchLayout(List<String> slotFeatures, List<String> slotProperties) {
        if (slotFeatures.size() != slotProperties.size()) {
            throw new IllegalArgumentException("one feature and one property per slot");
        }
        Map<String, List<Integer>> slotsByFeature = new LinkedHashMap<>();
        Set<String> targets = new HashSet<>();
        for (int slot = 0; slot < slotFeatures.size(); slot++) {
            if (!targets.add(slotFeatures.get(slot) + "/" + slotProperties.get(slot))) {
                throw new IllegalArgumentException("bound twice: " + slotFeatures.get(slot) + "/"
                        + slotProperties.get(slot));
            }
            slotsByFeature.computeIfAbsent(slotFeatures.get(slot), f -> new ArrayList<>()).add(slot);
        }
        this.features = slotsByFeature.keySet().toArray(String[]::new);
        this.slotProperty = slotProperties.toArray(String[]::new);
        this.slotFeature = new int[slotProperty.length];
        this.featureSlots = new int[features.length][];
        for (int f = 0; f < features.length; f++) {
            featureSlots[f] = slotsByFeature.get(features[f]).stream().mapToInt(Integer::intValue).toArray();
            for (int slot : featureSlots[f]) {
                slotFeature[slot] = f;
            }
        }
    }

    int slots() {
        return slotProperty.length;
    }

    int featureCount() {
        return features.length;
    }

    String feature(int featureIndex) {
        return features[featureIndex];
    }

    /** The slots of a feature, in slot order. */
    int[] featureSlots(int featureIndex) {
        return featureSlots[featureIndex];
    }

    int featureOf(int slot) {
        return slotFeature[slot];
    }

    String property(int slot) {
        return slotProperty[slot];
    }

    /** The key text of this layout's merge patches and conditions; the race of a first use builds it twice at most. */
    LayoutText text() {
        LayoutText built = text;
        if (built == null) {
            built = new LayoutText(this);
            text = built;
        }
        return built;
    }
}
