package io.twinbridge.gateway.model;

import io.twinbridge.gateway.codec.FieldPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Cross-checks one binding against its Avro schema and Thing Model; every mismatch becomes a {@link Problem}. */
final class BindingChecker {
    static final FieldPath DEVICE_ID = FieldPath.parse("deviceId");
    static final FieldPath TIMESTAMP = FieldPath.parse("timestamp");

    private final List<Problem> problems;

    BindingChecker(List<Problem> problems) {
        this.problems = problems;
    }

    void check(Binding binding, ThingModel model, Schema schema) {
        String file = binding.file();
        structural(file, schema);
        Map<String, FieldPath> boundTargets = new HashMap<>();
        for (FieldBinding fb : binding.fields()) {
            FieldPath previous = boundTargets.putIfAbsent(fb.target(), fb.field());
            if (previous != null) {
                problems.add(new Problem(file, fb.field().dotted(), fb.target(),
                        "property is already bound to field '" + previous + "'"));
            }
            fieldBinding(file, fb, model, schema);
        }
        coverage(binding, schema);
        commands(binding, model);
    }

    private void structural(String file, Schema schema) {
        Optional<Schema> id = AvroSchemaPaths.resolve(schema, DEVICE_ID);
        if (id.isEmpty() || id.get().getType() != Schema.Type.STRING) {
            problems.add(new Problem(file, DEVICE_ID.dotted(), Problem.NONE,
                    "schema " + schema.getFullName() + " needs a top-level string field 'deviceId'"));
        }
        Optional<Schema> ts = AvroSchemaPaths.resolve(schema, TIMESTAMP);
        if (ts.isEmpty() || ts.get().getType() != Schema.Type.LONG
                || !(ts.get().getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
            problems.add(new Problem(file, TIMESTAMP.dotted(), Problem.NONE,
                    "schema " + schema.getFullName() + " needs a top-level long 'timestamp' of logicalType timestamp-millis"));
        }
    }

    private void fieldBinding(String file, FieldBinding fb, ThingModel model, Schema schema) {
        String field = fb.field().dotted();
        Optional<Schema> avro = AvroSchemaPaths.resolve(schema, fb.field());
        if (avro.isEmpty()) {
            problems.add(new Problem(file, field, fb.target(), "no such field in schema " + schema.getFullName()));
        }
        Optional<FeatureModel> feature = model.feature(fb.feature());
        if (feature.isEmpty()) {
            problems.add(new Problem(file, field, fb.target(),
                    "no feature '" + fb.feature() + "' in model " + model.path()));
            return;
        }
        if (FeatureModel.SOURCE_TS.equals(fb.property())) {
            problems.add(new Problem(file, field, fb.target(), "'" + FeatureModel.SOURCE_TS + "' is written by the gateway and cannot be bound"));
            return;
        }
        Optional<PropertySpec> property = feature.get().property(fb.property());
        if (property.isEmpty()) {
            problems.add(new Problem(file, field, fb.target(),
                    "no property '" + fb.property() + "' in feature model " + feature.get().path()));
            return;
        }
        avro.ifPresent(a -> typeFit(file, fb, a, property.get()));
    }

    private void typeFit(String file, FieldBinding fb, Schema avro, PropertySpec spec) {
        Optional<String> mismatch = TypeFit.mismatch(avro, spec, !fb.conversion().isIdentity());
        mismatch.ifPresent(m -> problems.add(new Problem(file, fb.field().dotted(), fb.target(), m)));
        if (mismatch.isEmpty()) {
            TypeFit.enumMismatch(avro, spec).ifPresent(m ->
                    problems.add(new Problem(file, fb.field().dotted(), fb.target(), m)));
        }
    }

    private void coverage(Binding binding, Schema schema) {
        for (FieldPath ignored : binding.ignored()) {
            if (AvroSchemaPaths.resolve(schema, ignored).isEmpty()) {
                problems.add(new Problem(binding.file(), ignored.dotted(), Problem.NONE,
                        "ignored field does not exist in schema " + schema.getFullName()));
            }
        }
        for (FieldPath leaf : AvroSchemaPaths.leaves(schema)) {
            if (leaf.equals(DEVICE_ID) || leaf.equals(TIMESTAMP)) {
                continue;
            }
            boolean bound = binding.fields().stream().anyMatch(f -> f.field().equals(leaf));
            boolean ignored = binding.ignored().stream().anyMatch(leaf::startsWith);
            if (!bound && !ignored) {
                problems.add(new Problem(binding.file(), leaf.dotted(), Problem.NONE,
                        "field of schema " + schema.getFullName() + " is neither bound nor ignored"));
            }
        }
    }

    private void commands(Binding binding, ThingModel model) {
        for (FeatureModel feature : model.features().values()) {
            for (PropertySpec writable : feature.writableProperties()) {
                if (binding.command(feature.featureId(), writable.name()).isEmpty()) {
                    problems.add(new Problem(binding.file(), Problem.NONE, feature.featureId() + "/" + writable.name(),
                            "writable (desired) property has no command mapping"));
                }
            }
        }
        for (CommandMapping c : binding.commands()) {
            Optional<PropertySpec> spec = model.feature(c.feature()).flatMap(f -> f.property(c.property()));
            if (spec.isEmpty()) {
                problems.add(new Problem(binding.file(), Problem.NONE, c.target(),
                        "command mapping names a property that is not in model " + model.path()));
            } else if (!spec.get().writable()) {
                problems.add(new Problem(binding.file(), Problem.NONE, c.target(),
                        "command mapping names a read-only property"));
            } else if (!c.conversion().isIdentity() && spec.get().type() != JsonType.NUMBER
                    && spec.get().type() != JsonType.INTEGER) {
                problems.add(new Problem(binding.file(), Problem.NONE, c.target(),
                        "scale/offset on a " + spec.get().type().label() + " property"));
            }
        }
    }
}
