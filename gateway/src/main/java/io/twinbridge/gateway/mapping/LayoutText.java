package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.model.FeatureModel;

/**
 * The text pieces of a {@link PatchLayout}'s merge patches and conditions that do not depend on the values: each
 * feature's opening {@code "<f>":{"properties":{}, each slot's {@code "<p>":} and each feature's {@code sourceTs}
 * pointer. Rendered once per layout, so a write only appends them. Immutable (final fields: safely published).
 */
final class LayoutText {
    static final String SOURCE_TS_FIELD = DittoJsonText.quoted(FeatureModel.SOURCE_TS) + ":";

    final String[] featureOpening;
    final String[] slotKey;
    final String[] sourceTsPointer;
    /**
     * Whether every key is written as itself. ditto-json's {@code JsonObjectBuilder.set(CharSequence, …)} reads a key
     * that starts with {@code /} as a pointer (nested objects; {@code JsonFactory.getNonEmptyPointer}), refuses an
     * empty one, and a property named {@code sourceTs} is overwritten in place by the feature's source time. A
     * layout with such a key is rendered through the ditto-json tree instead, so the result stays the same.
     */
    final boolean plainKeys;

    LayoutText(PatchLayout layout) {
        boolean plain = true;
        featureOpening = new String[layout.featureCount()];
        sourceTsPointer = new String[layout.featureCount()];
        for (int f = 0; f < featureOpening.length; f++) {
            String feature = layout.feature(f);
            plain &= plainKey(feature);
            featureOpening[f] = DittoJsonText.quoted(feature) + ":{\"properties\":{";
            // as TwinPatch's condition always wrote it: the feature id unescaped (Ditto feature ids have no '/')
            sourceTsPointer[f] = "features/" + feature + "/properties/" + FeatureModel.SOURCE_TS;
        }
        slotKey = new String[layout.slots()];
        for (int slot = 0; slot < slotKey.length; slot++) {
            String property = layout.property(slot);
            plain &= plainKey(property) && !property.equals(FeatureModel.SOURCE_TS);
            slotKey[slot] = DittoJsonText.quoted(property) + ":";
        }
        plainKeys = plain;
    }

    private static boolean plainKey(String key) {
        return !key.isEmpty() && key.charAt(0) != '/';
    }
}
