package io.twinbridge.gateway.dashboard;

import java.util.List;
import java.util.Objects;

/**
 * What the dashboard shows of one kind of twin: its headline measure (drawn as a sparkline), a few key properties,
 * and the rules that mark an asset as faulted. Properties are named {@code <featureId>.<property>}.
 *
 * @param kind   the Thing Model kind, as in the thing's {@code attributes/model}
 * @param title  plural heading of the group, e.g. "Wind turbines"
 * @param main   the measure of the sparkline; also one of the key properties
 * @param fields key properties, in display order
 * @param faults when any of these holds, the card is highlighted as faulted
 */
public record KindProfile(String kind, String title, Field main, List<Field> fields, List<FaultRule> faults) {
    public KindProfile {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(main, "main");
        fields = List.copyOf(fields);
        faults = List.copyOf(faults);
    }

    /** A key property and the label it gets on the card. */
    public record Field(String path, String label) {
        public Field {
            if (path.indexOf('.') <= 0) {
                throw new IllegalArgumentException("field path must be <featureId>.<property>: " + path);
            }
        }

        String featureId() {
            return path.substring(0, path.indexOf('.'));
        }

        String property() {
            return path.substring(path.indexOf('.') + 1);
        }
    }

    /**
     * A fault condition on one property. {@code test} is one of {@code equals} (the value equals {@code value}),
     * {@code nonZero} (a number other than 0), {@code true} (boolean true) and {@code nonEmpty} (an array with items).
     */
    public record FaultRule(String path, String test, String value, String label) {
        public FaultRule {
            if (!List.of("equals", "nonZero", "true", "nonEmpty").contains(test)) {
                throw new IllegalArgumentException("unknown fault test " + test);
            }
        }
    }
}
