package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.model.FeatureModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;

/**
 * Feature-property updates for one thing, each property with the source timestamp of its sample. Immutable.
 *
 * <p>{@link #toMergePatch()} gives the thing-relative Ditto merge patch; each touched feature also gets
 * {@code properties/sourceTs} = the newest source timestamp among its properties in this patch. Ingest writes the
 * same patch as text instead ({@link #mergeWrite(boolean)}): the ditto-json tree renders and keeps the JSON of every
 * nesting level, which cost several microseconds and about 30 KB per write.
 */
public final class TwinPatch {
    private final String deviceId;
    private final long sourceTimestamp;
    private final PatchLayout layout;
    /** By slot of {@link #layout}; {@code null} where this patch has no value. Never changed after construction. */
    private final Object[] values;
    /** By slot; {@code null} when every value's source timestamp is {@link #sourceTimestamp}, as in a mapped event. */
    private final long[] timestamps;
    /** The map view, built on first use: ingest's hot path (map, coalesce, write) never needs it. */
    private volatile Map<String, Map<String, TimedValue>> features;

    private TwinPatch(String deviceId, long sourceTimestamp, PatchLayout layout, Object[] values, long[] timestamps) {
        this.deviceId = deviceId;
        this.sourceTimestamp = sourceTimestamp;
        this.layout = layout;
        this.values = values;
        this.timestamps = timestamps;
    }

    public static Builder builder(String deviceId, long sourceTimestamp) {
        return new Builder(deviceId, sourceTimestamp);
    }

    /**
     * A patch whose values all come from one sample at {@code sourceTimestamp}.
     *
     * @param values by slot of {@code layout}, {@code null} where absent; handed over, the caller must not keep it
     */
    static TwinPatch ofSample(String deviceId, long sourceTimestamp, PatchLayout layout, Object[] values) {
        return new TwinPatch(Objects.requireNonNull(deviceId, "deviceId"), sourceTimestamp, layout, values, null);
    }

    public String deviceId() {
        return deviceId;
    }

    /** The newest source timestamp of any sample in this patch (epoch ms). */
    public long sourceTimestamp() {
        return sourceTimestamp;
    }

    /**
     * Feature id to property name to timed value. Features are in the order of their first property, properties in
     * the order they were put (for a mapped event: the binding's field order).
     */
    public Map<String, Map<String, TimedValue>> features() {
        Map<String, Map<String, TimedValue>> view = features;
        if (view == null) {
            view = buildFeatures();
            features = view;
        }
        return view;
    }

    private Map<String, Map<String, TimedValue>> buildFeatures() {
        Map<String, Map<String, TimedValue>> out = new LinkedHashMap<>();
        for (int f : presentFeatures()) {
            Map<String, TimedValue> props = new LinkedHashMap<>();
            for (int slot : layout.featureSlots(f)) {
                if (values[slot] != null) {
                    props.put(layout.property(slot), new TimedValue(values[slot], timestamp(slot)));
                }
            }
            out.put(layout.feature(f), Collections.unmodifiableMap(props));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Indexes of the features with at least one value, in the order of their first slot with a value. */
    private int[] presentFeatures() {
        boolean[] seen = new boolean[layout.featureCount()];
        int[] order = new int[seen.length];
        int count = 0;
        for (int slot = 0; slot < values.length; slot++) {
            int f = layout.featureOf(slot);
            if (values[slot] != null && !seen[f]) {
                seen[f] = true;
                order[count++] = f;
            }
        }
        return count == order.length ? order : Arrays.copyOf(order, count);
    }

    private long timestamp(int slot) {
        return timestamps == null ? sourceTimestamp : timestamps[slot];
    }

    /**
     * What this patch costs in memory, roughly: its slot arrays and boxed values. Backpressure counts it for the
     * patches waiting to be written (ingest.max-pending-bytes).
     */
    public long estimatedBytes() {
        return 64 + values.length * 40L + (timestamps == null ? 0 : timestamps.length * 8L);
    }

    public Set<String> featureIds() {
        return features().keySet();
    }

    public Optional<Object> value(String feature, String property) {
        return Optional.ofNullable(features().getOrDefault(feature, Map.of()).get(property)).map(TimedValue::value);
    }

    /** Newest source timestamp among the feature's properties; the value written to {@code sourceTs}. */
    public long featureSourceTimestamp(String feature) {
        for (int f = 0; f < layout.featureCount(); f++) {
            if (layout.feature(f).equals(feature)) {
                return featureSourceTimestamp(f);
            }
        }
        return sourceTimestamp;
    }

    private long featureSourceTimestamp(int featureIndex) {
        if (timestamps == null) {
            return sourceTimestamp;
        }
        long newest = Long.MIN_VALUE;
        for (int slot : layout.featureSlots(featureIndex)) {
            if (values[slot] != null) {
                newest = Math.max(newest, timestamps[slot]);
            }
        }
        return newest == Long.MIN_VALUE ? sourceTimestamp : newest;
    }

    /** {@code {"features":{"<f>":{"properties":{..., "sourceTs": <ms>}}}}}, for a Ditto merge at the thing root. */
    public JsonObject toMergePatch() {
        JsonObjectBuilder featuresJson = JsonFactory.newObjectBuilder();
        for (int f : presentFeatures()) {
            JsonObjectBuilder properties = JsonFactory.newObjectBuilder();
            for (int slot : layout.featureSlots(f)) {
                if (values[slot] != null) {
                    properties.set(layout.property(slot), json(values[slot]));
                }
            }
            properties.set(FeatureModel.SOURCE_TS, featureSourceTimestamp(f));
            featuresJson.set(layout.feature(f), JsonFactory.newObjectBuilder().set("properties", properties.build())
                    .build());
        }
        return JsonFactory.newObjectBuilder().set("features", featuresJson.build()).build();
    }

    /**
     * A Ditto RQL condition that holds only when every touched feature's stored {@code sourceTs} is absent or older
     * than this patch's; sent as the {@code condition} header so a replayed or late event gets 412 instead of
     * overwriting newer state.
     */
    public String freshnessCondition() {
        return condition("lt");
    }

    /**
     * Like {@link #freshnessCondition()}, but also true when the twin holds exactly this patch's source time: for
     * sending the same patch again after Ditto applied it but a requested acknowledgement failed.
     */
    public String redeliveryCondition() {
        return condition("le");
    }

    private String condition(String comparison) {
        int[] touched = presentFeatures();
        String[] pointers = layout.text().sourceTsPointer;
        StringBuilder condition = new StringBuilder(conditionCapacity(touched, pointers));
        if (touched.length > 1) {
            condition.append("and(");
        }
        for (int i = 0; i < touched.length; i++) {
            appendFeatureCondition(condition, i, comparison, pointers[touched[i]], featureSourceTimestamp(touched[i]));
        }
        return closeCondition(condition, touched).toString();
    }

    /**
     * The merge patch at {@code /features} and the freshness condition ({@code redelivery}: the redelivery condition)
     * of this patch, written as text in one pass over its features, without a ditto-json tree: ingest's
     * {@code ThingWriter} sends these per merge. The patch text equals the {@code toString()} of
     * {@code toMergePatch().getValue("features")} and the condition equals {@link #freshnessCondition()} /
     * {@link #redeliveryCondition()} (MergeWriteRenderingTest).
     */
    public MergeWrite mergeWrite(boolean redelivery) {
        int[] touched = presentFeatures();
        LayoutText text = layout.text();
        if (!text.plainKeys) {
            // a key ditto-json would not write as itself (see LayoutText.plainKeys): let it build the tree
            return new MergeWrite(toMergePatch().getValue("features").orElseThrow().toString(),
                    redelivery ? redeliveryCondition() : freshnessCondition());
        }
        String comparison = redelivery ? "le" : "lt";
        Scratch scratch = Scratch.get();
        StringBuilder patch = scratch.patch;
        StringBuilder condition = scratch.condition;
        patch.append('{');
        if (touched.length > 1) {
            condition.append("and(");
        }
        for (int i = 0; i < touched.length; i++) {
            int f = touched[i];
            long featureTs = featureSourceTimestamp(f);
            if (i > 0) {
                patch.append(',');
            }
            appendFeature(patch, text, f, featureTs, false);
            appendFeatureCondition(condition, i, comparison, text.sourceTsPointer[f], featureTs);
        }
        return new MergeWrite(patch.append('}').toString(), closeCondition(condition, touched).toString());
    }

    /**
     * The features of a new thing that carries this patch, as JSON text: this patch's features with their values and
     * {@code sourceTs} as {@link #mergeWrite} writes them, then every feature of {@code skeleton} that this patch does
     * not touch, with empty properties. As JSON it equals the patch's features, without {@code null} values (a merge
     * patch's null removes, it is never stored: RFC 7386), merged over that skeleton (ThingProvisionerTextTest).
     * Empty when a key or a value is one the text path does not write as ditto-json would (see
     * {@link LayoutText#plainKeys}); the caller then builds the tree.
     */
    public Optional<String> createFeaturesText(List<String> skeleton) {
        LayoutText text = layout.text();
        if (!text.plainKeys) {
            return Optional.empty();
        }
        int[] touched = presentFeatures();
        StringBuilder out = new StringBuilder(64 + 48 * skeleton.size() + 24 * values.length);
        out.append('{');
        for (int i = 0; i < touched.length; i++) {
            int f = touched[i];
            if (i > 0) {
                out.append(',');
            }
            appendFeature(out, text, f, featureSourceTimestamp(f), true);
        }
        boolean first = touched.length == 0;
        for (String feature : skeleton) {
            if (!touches(feature, touched)) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                DittoJsonText.appendString(out, feature);
                out.append(":{\"properties\":{}}");
            }
        }
        return Optional.of(out.append('}').toString());
    }

    /**
     * {@code "<f>":{"properties":{<its values>,"sourceTs":<featureTs>}}}; {@code withoutNulls} leaves out the values
     * written as JSON null (a new thing stores none; a merge patch keeps them, as the tree did).
     */
    private void appendFeature(StringBuilder out, LayoutText text, int f, long featureTs, boolean withoutNulls) {
        out.append(text.featureOpening[f]);
        for (int slot : layout.featureSlots(f)) {
            Object value = values[slot];
            if (value != null && !(withoutNulls && DittoJsonText.rendersAsNull(value))) {
                out.append(text.slotKey[slot]);
                DittoJsonText.appendValue(out, value);
                out.append(',');
            }
        }
        out.append(LayoutText.SOURCE_TS_FIELD).append(featureTs).append("}}");
    }

    private boolean touches(String feature, int[] touched) {
        for (int f : touched) {
            if (layout.feature(f).equals(feature)) {
                return true;
            }
        }
        return false;
    }

    /** {@code or(not(exists(P)),<comparison>(P,<feature source time>))}, after a comma unless it is the first. */
    private static void appendFeatureCondition(StringBuilder out, int index, String comparison, String pointer,
            long featureTs) {
        if (index > 0) {
            out.append(',');
        }
        out.append("or(not(exists(").append(pointer).append(")),").append(comparison).append('(').append(pointer)
                .append(',').append(featureTs).append("))");
    }

    /** Several features' conditions are wrapped in {@code and(…)}; a single one stands alone. */
    private static StringBuilder closeCondition(StringBuilder condition, int[] touched) {
        return touched.length > 1 ? condition.append(')') : condition;
    }

    /**
     * This thread's two builders for {@link #mergeWrite}, emptied: a write then allocates little more than its two
     * strings (issue 12 item 3's goal is 2 KB per write; builders of its own, grown to fit, cost about 1.3 KB more).
     * A builder that grew past {@link #KEPT_CHARS} for a huge patch is replaced, so a thread does not keep it.
     */
    private static final class Scratch {
        private static final int INITIAL_CHARS = 1_024;
        private static final int KEPT_CHARS = 16_384;
        private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

        private StringBuilder patch = new StringBuilder(INITIAL_CHARS);
        private StringBuilder condition = new StringBuilder(INITIAL_CHARS);

        static Scratch get() {
            Scratch scratch = PER_THREAD.get();
            scratch.patch = emptied(scratch.patch);
            scratch.condition = emptied(scratch.condition);
            return scratch;
        }

        private static StringBuilder emptied(StringBuilder builder) {
            if (builder.capacity() > KEPT_CHARS) {
                return new StringBuilder(INITIAL_CHARS);
            }
            builder.setLength(0);
            return builder;
        }
    }

    private static int conditionCapacity(int[] touched, String[] pointers) {
        int capacity = 6;
        for (int f : touched) {
            // or(not(exists(P)),lt(P,T)), T at most 20 digits
            capacity += 2 * pointers[f].length() + 42;
        }
        return capacity;
    }

    /**
     * Per slot the value with the later source timestamp, the later patch's on a tie; empty when the two do not share
     * a layout (then {@link TwinPatchCoalescer} merges the map views).
     */
    Optional<TwinPatch> mergeSameLayout(TwinPatch later) {
        if (layout != later.layout) {
            return Optional.empty();
        }
        long newest = Math.max(sourceTimestamp, later.sourceTimestamp);
        Object[] merged = new Object[values.length];
        long[] mergedTs = new long[values.length];
        boolean uniform = true;
        for (int slot = 0; slot < values.length; slot++) {
            boolean takeLater = later.values[slot] != null
                    && (values[slot] == null || later.timestamp(slot) >= timestamp(slot));
            TwinPatch from = takeLater ? later : this;
            merged[slot] = from.values[slot];
            if (merged[slot] != null) {
                mergedTs[slot] = from.timestamp(slot);
                uniform &= mergedTs[slot] == newest;
            }
        }
        return Optional.of(new TwinPatch(deviceId, newest, layout, merged, uniform ? null : mergedTs));
    }

    private static JsonValue json(Object value) {
        if (value instanceof Integer i) {
            return JsonFactory.newValue(i);
        } else if (value instanceof Long l) {
            return JsonFactory.newValue(l);
        } else if (value instanceof Number n) {
            return JsonFactory.newValue(n.doubleValue());
        } else if (value instanceof Boolean b) {
            return JsonFactory.newValue(b);
        } else if (value instanceof List<?> list) {
            JsonArrayBuilder array = JsonFactory.newArrayBuilder();
            list.forEach(item -> array.add(json(item)));
            return array.build();
        }
        return JsonFactory.newValue(value.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwinPatch other && deviceId.equals(other.deviceId)
                && sourceTimestamp == other.sourceTimestamp && features().equals(other.features());
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, sourceTimestamp, features());
    }

    @Override
    public String toString() {
        return "TwinPatch{" + deviceId + "@" + sourceTimestamp + " " + features() + "}";
    }

    /** Collects property values; not thread-safe, one per event. */
    public static final class Builder {
        private final String deviceId;
        private long sourceTimestamp;
        private final Map<String, Map<String, TimedValue>> features = new LinkedHashMap<>();
        private boolean built;

        private Builder(String deviceId, long sourceTimestamp) {
            this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
            this.sourceTimestamp = sourceTimestamp;
        }

        public Builder put(String feature, String property, Object value) {
            return put(feature, property, new TimedValue(value, sourceTimestamp));
        }

        public Builder put(String feature, String property, TimedValue value) {
            if (built) {
                throw new IllegalStateException("builder already built");
            }
            features.computeIfAbsent(feature, f -> new LinkedHashMap<>()).put(property, value);
            sourceTimestamp = Math.max(sourceTimestamp, value.sourceTs());
            return this;
        }

        public TwinPatch build() {
            if (built) {
                throw new IllegalStateException("builder already built");
            }
            built = true;
            List<String> slotFeatures = new ArrayList<>();
            List<String> slotProperties = new ArrayList<>();
            List<TimedValue> slotValues = new ArrayList<>();
            features.forEach((feature, props) -> props.forEach((property, value) -> {
                slotFeatures.add(feature);
                slotProperties.add(property);
                slotValues.add(value);
            }));
            Object[] values = new Object[slotValues.size()];
            long[] timestamps = new long[values.length];
            boolean uniform = true;
            for (int slot = 0; slot < values.length; slot++) {
                values[slot] = slotValues.get(slot).value();
                timestamps[slot] = slotValues.get(slot).sourceTs();
                uniform &= timestamps[slot] == sourceTimestamp;
            }
            return new TwinPatch(deviceId, sourceTimestamp, new PatchLayout(slotFeatures, slotProperties), values,
                    uniform ? null : timestamps);
        }
    }
}
