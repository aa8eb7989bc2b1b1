package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.codec.DecodedEvent;
import io.twinbridge.gateway.codec.EventFields;
import io.twinbridge.gateway.codec.FieldPath;
import io.twinbridge.gateway.model.BoundModel;
import io.twinbridge.gateway.model.FieldBinding;
import io.twinbridge.gateway.model.PropertySpec;
import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps decoded telemetry events of one schema to {@link TwinPatch}es, validating every value against the Thing
 * Model. Compiled once from a cross-checked {@link BoundModel}; pure, thread-safe and total: bad input gives a
 * {@link io.twinbridge.gateway.result.Failure}, never an exception.
 */
public final class TelemetryMapper {
    static final FieldPath DEVICE_ID = FieldPath.parse("deviceId");
    static final FieldPath TIMESTAMP = FieldPath.parse("timestamp");

    private final String schemaName;
    /** One per bound field; rule {@code i} writes slot {@code i} of {@link #layout}. */
    private final PropertyRule[] rules;
    private final PatchLayout layout;

    private TelemetryMapper(String schemaName, PropertyRule[] rules, PatchLayout layout) {
        this.schemaName = schemaName;
        this.rules = rules;
        this.layout = layout;
    }

    public static TelemetryMapper compile(BoundModel bound) {
        List<PropertyRule> rules = new ArrayList<>();
        List<String> features = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        for (FieldBinding fb : bound.binding().fields()) {
            PropertySpec spec = bound.model().feature(fb.feature()).flatMap(f -> f.property(fb.property()))
                    .orElseThrow(() -> new IllegalArgumentException("binding not cross-checked: " + fb.target()));
            String label = "field '" + fb.field() + "' (" + fb.target() + ")";
            rules.add(new PropertyRule(fb.field(), spec.required(), PropertyCheck.forSpec(spec, fb.conversion(), label)));
            features.add(fb.feature());
            properties.add(fb.property());
        }
        return new TelemetryMapper(bound.schema().getFullName(), rules.toArray(PropertyRule[]::new),
                new PatchLayout(features, properties));
    }

    public String schemaName() {
        return schemaName;
    }

    public Result<TwinPatch> map(DecodedEvent event) {
        if (!schemaName.equals(event.schemaName())) {
            return Result.err(Stage.MAP, ErrorCodes.SCHEMA_MISMATCH,
                    "event of schema " + event.schemaName() + " given to the mapper of " + schemaName);
        }
        EventFields fields = event.fields();
        Object id = fields.get(DEVICE_ID);
        if (id == null) {
            return missing("field 'deviceId'");
        }
        if (!(id instanceof CharSequence)) {
            return wrongType("field 'deviceId'", "string", id);
        }
        String deviceId = id.toString();
        if (!DeviceIds.isValid(deviceId)) {
            return Result.err(Stage.MAP, ErrorCodes.INVALID_DEVICE_ID, "field 'deviceId': \"" + deviceId
                    + "\" cannot name a Ditto thing (allowed: " + DeviceIds.ALLOWED + ")");
        }
        Object ts = fields.get(TIMESTAMP);
        if (ts == null) {
            return missing("field 'timestamp'");
        }
        if (!(ts instanceof Long || ts instanceof Integer)) {
            return wrongType("field 'timestamp'", "integer (epoch ms)", ts);
        }
        long timestamp = ((Number) ts).longValue();
        if (timestamp < 0) {
            return Result.err(Stage.VALIDATE, ErrorCodes.OUT_OF_RANGE,
                    "field 'timestamp': value " + timestamp + " ms is outside [0, ∞]");
        }
        Object[] values = new Object[rules.length];
        for (int slot = 0; slot < rules.length; slot++) {
            PropertyRule rule = rules[slot];
            Object raw = fields.get(rule.field());
            if (raw == null) {
                if (rule.required()) {
                    return missing(rule.check().label());
                }
                continue;
            }
            Object checked = rule.check().apply(raw);
            if (checked instanceof Failure failure) {
                return Result.err(failure);
            }
            values[slot] = checked;
        }
        return Result.ok(TwinPatch.ofSample(deviceId, timestamp, layout, values));
    }

    private static Result<TwinPatch> missing(String label) {
        return Result.err(Stage.VALIDATE, ErrorCodes.MISSING_REQUIRED, label + " is required but absent or null");
    }

    private static Result<TwinPatch> wrongType(String label, String expected, Object raw) {
        return Result.err(PropertyCheck.wrongType(label, expected, raw));
    }
}
