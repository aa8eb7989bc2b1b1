package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.model.BoundModel;
import io.twinbridge.gateway.model.CommandMapping;
import io.twinbridge.gateway.model.Conversion;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.model.PropertySpec;
import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns an operator's change of a writable desired property into a {@link DesiredCommand}, after validating the
 * value against the Thing Model. Pure and total.
 */
public final class DesiredPropertyCommands {
    private record Compiled(CommandMapping mapping, PropertyCheck check) {
    }

    private final Map<String, Compiled> byTarget;

    private DesiredPropertyCommands(Map<String, Compiled> byTarget) {
        this.byTarget = Map.copyOf(byTarget);
    }

    public static DesiredPropertyCommands compile(ModelRegistry registry) {
        Map<String, Compiled> compiled = new HashMap<>();
        for (BoundModel bound : registry.boundModels()) {
            for (CommandMapping c : bound.binding().commands()) {
                PropertySpec spec = bound.model().feature(c.feature()).flatMap(f -> f.property(c.property()))
                        .orElseThrow(() -> new IllegalArgumentException("binding not cross-checked: " + c.target()));
                String label = "desired property " + c.target();
                compiled.put(key(bound.binding().kind(), c.feature(), c.property()),
                        new Compiled(c, PropertyCheck.forSpec(spec, Conversion.IDENTITY, label)));
            }
        }
        return new DesiredPropertyCommands(compiled);
    }

    /**
     * @param value the desired value as Integer, Long, Double, String, Boolean or List
     */
    public Result<DesiredCommand> toCommand(String kind, String feature, String property, Object value) {
        Compiled c = byTarget.get(key(kind, feature, property));
        if (c == null) {
            return Result.err(Stage.MAP, ErrorCodes.NO_COMMAND,
                    "no command mapping for desired property " + feature + "/" + property + " of kind " + kind);
        }
        Object valid = c.check().apply(value);
        if (valid instanceof Failure failure) {
            return Result.err(failure);
        }
        return Result.ok(new DesiredCommand(c.mapping().command(), c.mapping().parameter(),
                toDevice(valid, c.mapping().conversion())));
    }

    private static Object toDevice(Object value, Conversion conversion) {
        if (conversion.isIdentity() || !(value instanceof Number n)) {
            return value;
        }
        return conversion.apply(n.doubleValue());
    }

    private static String key(String kind, String feature, String property) {
        return kind + "/" + feature + "/" + property;
    }
}
