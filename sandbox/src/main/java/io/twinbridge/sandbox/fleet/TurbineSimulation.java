package io.twinbridge.sandbox.fleet;

import java.util.Optional;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A 3 MW wind turbine. Hub-height wind is a mean-reverting random walk (Ornstein-Uhlenbeck); power follows the power
 * curve: nothing below cut-in (3 m/s), a cubic rise to rated power at 12 m/s, rated power up to cut-out at 25 m/s,
 * where the turbine feathers its blades and stops. The generator warms with load, the nacelle yaws after the wind.
 * A turbine given fault windows ({@link AssetIncidents}) trips during each: state {@code FAULT} with a fault code,
 * blades feathered, the rotor braking to a stop, no power; afterwards it produces again.
 */
final class TurbineSimulation extends DeviceSimulation {
    static final double CUT_IN_MS = 3.0;
    static final double RATED_MS = 12.0;
    static final double CUT_OUT_MS = 25.0;
    static final double RATED_POWER_W = 3_000_000.0;
    static final double RATED_RPM = 15.0;
    /** Manufacturer codes a tripped turbine reports: pitch, converter, generator overtemperature, yaw, vibration. */
    static final int[] FAULT_CODES = {1042, 2210, 3105, 4120, 5301};
    /** Seconds for the braked rotor to lose most of its speed. */
    static final double BRAKE_SECONDS = 4;

    private final double meanWind;
    private double windMs;
    private double windDirectionDeg;
    private double yawDeg;
    private double generatorTempC = 35.0;
    private double rotorRpm;
    private final Optional<AssetIncidents.Window> faults;
    private final long startMillis;
    private final long seed;

    TurbineSimulation(Schema schema, String deviceId, Random random) {
        this(schema, deviceId, random, Optional.empty(), 0, 0);
    }

    /**
     * @param faults      when this turbine trips, in time since {@code startMillis}
     * @param seed        picks each trip's fault code
     */
    TurbineSimulation(Schema schema, String deviceId, Random random, Optional<AssetIncidents.Window> faults,
                      long startMillis, long seed) {
        super(AssetKind.TURBINE, schema, deviceId, random);
        this.faults = faults;
        this.startMillis = startMillis;
        this.seed = seed;
        this.meanWind = 6 + random.nextDouble() * 6;
        this.windMs = meanWind;
        this.windDirectionDeg = random.nextDouble() * 360;
        this.yawDeg = windDirectionDeg;
    }

    /** The power curve, in W. */
    static double powerW(double windMs) {
        if (windMs < CUT_IN_MS || windMs >= CUT_OUT_MS) {
            return 0;
        }
        if (windMs >= RATED_MS) {
            return RATED_POWER_W;
        }
        double cubeIn = Math.pow(CUT_IN_MS, 3);
        return RATED_POWER_W * (Math.pow(windMs, 3) - cubeIn) / (Math.pow(RATED_MS, 3) - cubeIn);
    }

    @Override
    GenericRecord next(long timestampMillis, double dt) {
        windMs = Math.max(0, windMs + 0.05 * (meanWind - windMs) * dt + 0.6 * Math.sqrt(dt) * random.nextGaussian());
        windDirectionDeg = wrap(windDirectionDeg + 0.5 * Math.sqrt(dt) * random.nextGaussian());
        yawDeg = wrap(yawDeg + 0.2 * angleBetween(yawDeg, windDirectionDeg) * Math.min(1, dt));
        // the power curve sees the wind as reported, so that the record is self-consistent
        double reportedWind = Records.round(windMs, 3);
        long elapsed = timestampMillis - startMillis;
        boolean tripped = faults.map(w -> w.activeAt(elapsed)).orElse(false);
        double power = tripped ? 0 : powerW(reportedWind);
        boolean producing = power > 0;
        double rpm;
        if (tripped) {
            rotorRpm *= Math.exp(-dt / BRAKE_SECONDS);
            rpm = rotorRpm < 0.05 ? 0 : rotorRpm;
        } else {
            rpm = producing ? Math.min(RATED_RPM, RATED_RPM * reportedWind / RATED_MS)
                    : 0.3 * Math.min(reportedWind, 3);
        }
        rotorRpm = rpm;
        double pitch = tripped || reportedWind >= CUT_OUT_MS ? 90
                : reportedWind > RATED_MS ? (reportedWind - RATED_MS) * 1.8 : 0;
        double targetTemp = 30 + 60 * power / RATED_POWER_W;
        generatorTempC += (targetTemp - generatorTempC) * Math.min(1, 0.01 * dt);

        GenericData.Record record = sample(timestampMillis);
        GenericData.Record rotor = Records.nested(schema, "rotor");
        rotor.put("speedRpm", Records.round(rpm, 2));
        rotor.put("pitchAngleDeg", Records.round(pitch, 2));
        record.put("rotor", rotor);
        GenericData.Record generator = Records.nested(schema, "generator");
        generator.put("powerW", power);
        generator.put("temperatureC", Records.round(generatorTempC, 2));
        record.put("generator", generator);
        GenericData.Record nacelle = Records.nested(schema, "nacelle");
        nacelle.put("yawDeg", Records.round(yawDeg, 2));
        nacelle.put("vibrationMmS", Records.round(Math.max(0, 0.8 + 0.2 * rpm + 0.3 * random.nextGaussian()), 3));
        record.put("nacelle", nacelle);
        GenericData.Record environment = Records.nested(schema, "environment");
        environment.put("windSpeedMs", reportedWind);
        environment.put("windDirectionDeg", Records.round(windDirectionDeg, 2));
        environment.put("ambientTemperatureC", Records.round(12 + random.nextGaussian(), 2));
        record.put("environment", environment);
        GenericData.Record status = Records.nested(schema, "status");
        status.put("state", Records.symbol(status.getSchema(), "state",
                tripped ? "FAULT" : producing ? "PRODUCING" : "STOPPED"));
        // A turbine that can trip reports 0 while healthy: an absent code would leave the last one in its twin,
        // since a merge only ever adds what a record holds.
        Integer faultCode = null;
        if (tripped) {
            faultCode = faultCode(faults.get().occurrence(elapsed));
        } else if (faults.isPresent()) {
            faultCode = 0;
        }
        status.put("faultCode", faultCode);
        record.put("status", status);
        record.put("firmwareVersion", "4.2.1");
        return record;
    }

    /** The code of the {@code occurrence}-th trip: the same for a given seed, varying from one trip to the next. */
    private int faultCode(long occurrence) {
        return FAULT_CODES[new Random(seed * 31 + occurrence).nextInt(FAULT_CODES.length)];
    }

    private static double wrap(double deg) {
        double d = deg % 360;
        return d < 0 ? d + 360 : d;
    }

    /** Signed smallest angle from {@code from} to {@code to}, in (-180, 180]. */
    private static double angleBetween(double from, double to) {
        double d = wrap(to - from);
        return d > 180 ? d - 360 : d;
    }
}
