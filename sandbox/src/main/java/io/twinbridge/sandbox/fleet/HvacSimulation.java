package io.twinbridge.sandbox.fleet;

import java.util.Optional;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A rooftop HVAC unit. The supply air temperature approaches its setpoint exponentially (first-order plant, about
 * a two-minute time constant) from wherever it started; the compressor runs, and draws power, while the error is
 * large. The return air is a little warmer and more humid; the filter slowly clogs. A unit given replacement
 * windows ({@link AssetIncidents}) clogs fast: its pressure drop climbs from clean to the 250 Pa limit between two
 * windows, and during each it asks for a new filter, which it then gets.
 */
final class HvacSimulation extends DeviceSimulation {
    static final double TIME_CONSTANT_S = 120;
    static final double REPLACE_AT_PA = 250;

    private final double setpointC;
    private double supplyC;
    private double filterPa;
    private final double cleanFilterPa;
    private final Optional<AssetIncidents.Window> replacements;
    private final long startMillis;

    HvacSimulation(Schema schema, String deviceId, Random random) {
        this(schema, deviceId, random, Optional.empty(), 0);
    }

    /** @param replacements when the filter asks to be replaced, in time since {@code startMillis} */
    HvacSimulation(Schema schema, String deviceId, Random random, Optional<AssetIncidents.Window> replacements,
                   long startMillis) {
        super(AssetKind.HVAC, schema, deviceId, random);
        this.setpointC = 19 + random.nextInt(6);
        this.supplyC = setpointC + (random.nextBoolean() ? 1 : -1) * (5 + random.nextDouble() * 5);
        this.filterPa = 80 + random.nextDouble() * 60;
        this.cleanFilterPa = filterPa;
        this.replacements = replacements;
        this.startMillis = startMillis;
    }

    /** The clogging unit's filter: clean right after a window, at the limit when the next one starts. */
    private double cloggingFilterPa(AssetIncidents.Window window, long elapsed) {
        long phase = window.phase(elapsed);
        if (window.activeAt(elapsed)) {
            return REPLACE_AT_PA + 2 + 10.0 * phase / window.lengthMillis();
        }
        double clogging = Math.max(0, phase - window.lengthMillis())
                / (double) (window.periodMillis() - window.lengthMillis());
        return cleanFilterPa + (REPLACE_AT_PA - 1 - cleanFilterPa) * Math.min(1, clogging);
    }

    @Override
    GenericRecord next(long timestampMillis, double dt) {
        double error = setpointC - supplyC;
        supplyC += error * (1 - Math.exp(-dt / TIME_CONSTANT_S)) + 0.02 * random.nextGaussian();
        long elapsed = timestampMillis - startMillis;
        filterPa = replacements.map(w -> cloggingFilterPa(w, elapsed))
                .orElseGet(() -> Math.min(900, filterPa + 0.001 * dt));
        boolean running = Math.abs(error) > 0.5;

        GenericData.Record record = sample(timestampMillis);
        GenericData.Record supply = Records.nested(schema, "supplyAir");
        supply.put("temperatureC", Records.round(supplyC, 3));
        supply.put("humidityPct", Records.round(45 + 2 * random.nextGaussian(), 2));
        record.put("supplyAir", supply);
        GenericData.Record back = Records.nested(schema, "returnAir");
        back.put("temperatureC", Records.round(supplyC + 2.5 + 0.1 * random.nextGaussian(), 3));
        back.put("humidityPct", Records.round(50 + 2 * random.nextGaussian(), 2));
        back.put("co2Ppm", 550 + random.nextInt(200));
        record.put("returnAir", back);
        GenericData.Record setpoints = Records.nested(schema, "setpoints");
        setpoints.put("temperatureC", setpointC);
        setpoints.put("fanMode", Records.symbol(setpoints.getSchema(), "fanMode", "AUTO"));
        record.put("setpoints", setpoints);
        GenericData.Record compressor = Records.nested(schema, "compressor");
        compressor.put("state", Records.symbol(compressor.getSchema(), "state", running ? "RUNNING" : "OFF"));
        compressor.put("powerKw", Records.round(running ? Math.min(12, 1.5 * Math.abs(error)) : 0.1, 3));
        record.put("compressor", compressor);
        GenericData.Record filter = Records.nested(schema, "filter");
        filter.put("pressureDropPa", Records.round(filterPa, 2));
        filter.put("replaceRequired", filterPa > REPLACE_AT_PA);
        record.put("filter", filter);
        return record;
    }
}
