package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.codec.DecodedEvent;
import io.twinbridge.gateway.codec.EventFields;
import io.twinbridge.gateway.codec.FieldPath;
import io.twinbridge.gateway.model.BoundModel;
import io.twinbridge.gateway.model.FieldBinding;
import io.twinbridge.gateway.model.PropertySpec;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps decoded telemetry events of one schema to {@link TwinPatch}es, validating every value against the Thing
 * Model. Compiled once from a cross-checked {@link BoundModel}; pure, thread-safe and total: bad input gives a
 * {@link io.twinbridge.gateway.result.Failure}, never an exception.
 */
public final class TelemetryMapper {
    static final FieldPath DEVICE_ID = FieldPath.parse("deviceId");
    static final FieldPath TIMESTAMP = FieldPath.parse("timestamp");
    /** Conservative subset of the characters Ditto allows in the name part of a thing id. */
    private static final Pattern DEVICE_ID_PATTERN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:@+\\-]{0,199}");

    private final String schemaName;
    private final PropertyRule[] rules;

    private TelemetryMapper(String schemaName, PropertyRule[] rules) {
        this.schemaName = schemaName;
        this.rules = rules;
    }

    public static TelemetryMapper compile(BoundModel bound) {
        List<PropertyRule> rules = new ArrayList<>();
        for (FieldBinding fb : bound.binding().fields()) {
            PropertySpec spec = bound.model().feature(fb.feature()).flatMap(f -> f.property(fb.property()))
                    .orElseThrow(() -> new IllegalArgumentException("binding not cross-checked: " + fb.target()));
            String label = "field '" + fb.field() + "' (" + fb.target() + ")";
            rules.add(new PropertyRule(fb.field(), fb.feature(), fb.property(), spec.required(), label,
                    ValueChecks.forSpec(spec, fb.conversion(), label)));
        }
        return new TelemetryMapper(bound.schema().getFullName(), rules.toArray(PropertyRule[]::new));
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
        if (!DEVICE_ID_PATTERN.matcher(deviceId).matches()) {
            return Result.err(Stage.MAP, ErrorCodes.INVALID_DEVICE_ID, "field 'deviceId': \"" + deviceId
                    + "\" cannot name a Ditto thing (allowed: " + DEVICE_ID_PATTERN.pattern() + ")");
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
        TwinPatch.Builder patch = TwinPatch.builder(deviceId, timestamp);
        for (PropertyRule rule : rules) {
            Object raw = fields.get(rule.field());
            if (raw == null) {
                if (rule.required()) {
                    return missing(rule.label());
                }
                continue;
            }
            Result<Object> checked = rule.check().apply(raw);
            if (!checked.isOk()) {
                return Result.err(checked.failure());
            }
            patch.put(rule.feature(), rule.property(), checked.value());
        }
        return Result.ok(patch.build());
    }

    private static Result<TwinPatch> missing(String label) {
        return Result.err(Stage.VALIDATE, ErrorCodes.MISSING_REQUIRED, label + " is required but absent or null");
    }

    private static Result<TwinPatch> wrongType(String label, String expected, Object raw) {
        return Result.err(ValueChecks.wrongType(label, expected, raw).failure());
    }
}
