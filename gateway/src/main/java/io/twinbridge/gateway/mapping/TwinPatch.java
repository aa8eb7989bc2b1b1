package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.model.FeatureModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;

/**
 * Feature-property updates for one thing, each property with the source timestamp of its sample. Immutable.
 *
 * <p>{@link #toMergePatch()} gives the thing-relative Ditto merge patch; each touched feature also gets
 * {@code properties/sourceTs} = the newest source timestamp among its properties in this patch.
 */
public final class TwinPatch {
    private final String deviceId;
    private final long sourceTimestamp;
    private final Map<String, Map<String, TimedValue>> features;

    private TwinPatch(String deviceId, long sourceTimestamp, Map<String, Map<String, TimedValue>> features) {
        this.deviceId = deviceId;
        this.sourceTimestamp = sourceTimestamp;
        // The builder hands over its maps and forgets them, so wrapping without copying keeps this immutable.
        features.replaceAll((f, props) -> Collections.unmodifiableMap(props));
        this.features = Collections.unmodifiableMap(features);
    }

    public static Builder builder(String deviceId, long sourceTimestamp) {
        return new Builder(deviceId, sourceTimestamp);
    }

    public String deviceId() {
        return deviceId;
    }

    /** The newest source timestamp of any sample in this patch (epoch ms). */
    public long sourceTimestamp() {
        return sourceTimestamp;
    }

    /** Feature id to property name to timed value, in insertion order. */
    public Map<String, Map<String, TimedValue>> features() {
        return features;
    }

    public Set<String> featureIds() {
        return features.keySet();
    }

    public Optional<Object> value(String feature, String property) {
        return Optional.ofNullable(features.getOrDefault(feature, Map.of()).get(property)).map(TimedValue::value);
    }

    /** Newest source timestamp among the feature's properties; the value written to {@code sourceTs}. */
    public long featureSourceTimestamp(String feature) {
        return features.getOrDefault(feature, Map.of()).values().stream()
                .mapToLong(TimedValue::sourceTs).max().orElse(sourceTimestamp);
    }

    /** {@code {"features":{"<f>":{"properties":{..., "sourceTs": <ms>}}}}}, for a Ditto merge at the thing root. */
    public JsonObject toMergePatch() {
        JsonObjectBuilder featuresJson = JsonFactory.newObjectBuilder();
        features.forEach((feature, props) -> {
            JsonObjectBuilder properties = JsonFactory.newObjectBuilder();
            props.forEach((name, timed) -> properties.set(name, json(timed.value())));
            properties.set(FeatureModel.SOURCE_TS, featureSourceTimestamp(feature));
            featuresJson.set(feature, JsonFactory.newObjectBuilder().set("properties", properties.build()).build());
        });
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
        StringJoiner all = new StringJoiner(",", features.size() > 1 ? "and(" : "", features.size() > 1 ? ")" : "");
        for (String feature : features.keySet()) {
            String pointer = "features/" + feature + "/properties/" + FeatureModel.SOURCE_TS;
            all.add("or(not(exists(" + pointer + "))," + comparison + "(" + pointer + "," + featureSourceTimestamp(feature)
                    + "))");
        }
        return all.toString();
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
                && sourceTimestamp == other.sourceTimestamp && features.equals(other.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, sourceTimestamp, features);
    }

    @Override
    public String toString() {
        return "TwinPatch{" + deviceId + "@" + sourceTimestamp + " " + features + "}";
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
            TwinPatch patch = new TwinPatch(deviceId, sourceTimestamp, features);
            built = true;
            return patch;
        }
    }
}
