package io.twinbridge.gateway.mapping;

/**
 * One Ditto write of a {@link TwinPatch}, rendered as text in one pass over the patch: what ingest sends per merge.
 *
 * @param featuresPatch the merge patch at {@code /features} as JSON text, equal to the {@code toString()} of
 *                      {@code toMergePatch().getValue("features")}
 * @param condition     the RQL condition: {@link TwinPatch#freshnessCondition()} or, for a redelivery,
 *                      {@link TwinPatch#redeliveryCondition()}
 */
public record MergeWrite(String featuresPatch, String condition) {
}
