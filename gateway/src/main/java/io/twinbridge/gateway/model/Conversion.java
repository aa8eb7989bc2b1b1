package io.twinbridge.gateway.model;

import java.util.Map;
import java.util.Optional;

/**
 * A linear unit conversion {@code out = in * scale + offset}. Every named conversion in a binding is linear, so one
 * representation covers scale/offset and names.
 */
public record Conversion(double scale, double offset) {

    public static final Conversion IDENTITY = new Conversion(1.0, 0.0);

    private static final Map<String, Conversion> NAMED = Map.of(
            "rad-to-deg", new Conversion(180.0 / Math.PI, 0.0),
            "mps-to-kmh", new Conversion(3.6, 0.0),
            "m-to-km", new Conversion(0.001, 0.0),
            "w-to-kw", new Conversion(0.001, 0.0),
            "kelvin-to-celsius", new Conversion(1.0, -273.15),
            "fahrenheit-to-celsius", new Conversion(5.0 / 9.0, -32.0 * 5.0 / 9.0));

    public Conversion {
        if (!Double.isFinite(scale) || !Double.isFinite(offset) || scale == 0.0) {
            throw new IllegalArgumentException("conversion needs a finite non-zero scale and a finite offset");
        }
    }

    public static Optional<Conversion> named(String name) {
        return Optional.ofNullable(NAMED.get(name));
    }

    public boolean isIdentity() {
        return scale == 1.0 && offset == 0.0;
    }

    public double apply(double value) {
        return value * scale + offset;
    }
}
