package io.twinbridge.sandbox.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A delivery vehicle driving a closed route of waypoints around its depot. Each sample it moves {@code speed * dt}
 * towards the next waypoint along the heading to it; speed varies around a cruising speed. Every other vehicle is
 * battery electric (state of charge falls with distance) or combustion (engine speed follows road speed).
 */
final class VehicleSimulation extends DeviceSimulation {
    static final double METRES_PER_DEGREE = 111_320.0;
    private static final int WAYPOINTS = 6;

    private final boolean electric;
    private final double[][] route = new double[WAYPOINTS][2];
    private int target = 1;
    private double lat;
    private double lon;
    private double headingDeg;
    private double speedMs;
    private double odometerM;
    private double socPct;
    private final List<String> dtcCodes = new ArrayList<>();

    VehicleSimulation(Schema schema, String deviceId, Random random, boolean electric) {
        super(AssetKind.VEHICLE, schema, deviceId, random);
        this.electric = electric;
        double depotLat = 48.137 + (random.nextDouble() - 0.5) * 0.2;
        double depotLon = 11.575 + (random.nextDouble() - 0.5) * 0.3;
        for (int i = 0; i < WAYPOINTS; i++) {
            double angle = 2 * Math.PI * i / WAYPOINTS;
            double radiusM = 2_000 + random.nextDouble() * 3_000;
            route[i][0] = depotLat + radiusM * Math.sin(angle) / METRES_PER_DEGREE;
            route[i][1] = depotLon + radiusM * Math.cos(angle) / (METRES_PER_DEGREE * Math.cos(Math.toRadians(depotLat)));
        }
        this.lat = route[0][0];
        this.lon = route[0][1];
        this.speedMs = 10;
        this.odometerM = 10_000_000 + random.nextInt(150_000_000);
        this.socPct = 60 + random.nextDouble() * 40;
    }

    @Override
    GenericRecord next(long timestampMillis, double dt) {
        speedMs = Math.max(2, Math.min(25, speedMs + 0.8 * Math.sqrt(dt) * random.nextGaussian()));
        double remaining = speedMs * dt;
        while (remaining > 0) {
            double dNorth = (route[target][0] - lat) * METRES_PER_DEGREE;
            double dEast = (route[target][1] - lon) * METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
            double toGo = Math.hypot(dNorth, dEast);
            headingDeg = (Math.toDegrees(Math.atan2(dEast, dNorth)) + 360) % 360;
            if (toGo <= remaining) {
                lat = route[target][0];
                lon = route[target][1];
                remaining -= toGo;
                odometerM += toGo;
                target = (target + 1) % WAYPOINTS;
            } else {
                lat += remaining * dNorth / toGo / METRES_PER_DEGREE;
                lon += remaining * dEast / toGo / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
                odometerM += remaining;
                remaining = 0;
            }
        }
        if (electric) {
            socPct = Math.max(5, socPct - speedMs * dt / 1000 * 0.25);
        }
        if (dtcCodes.isEmpty() && random.nextInt(5000) == 0) {
            dtcCodes.add("P0301");
        }

        GenericData.Record record = sample(timestampMillis);
        GenericData.Record location = Records.nested(schema, "location");
        location.put("lat", Records.round(lat, 6));
        location.put("lon", Records.round(lon, 6));
        location.put("headingDeg", Records.round(headingDeg, 2));
        location.put("speedMs", Records.round(speedMs, 2));
        record.put("location", location);
        GenericData.Record powertrain = Records.nested(schema, "powertrain");
        powertrain.put("engineRpm", electric ? null : (int) Math.round(750 + speedMs * 85));
        powertrain.put("batterySocPct", electric ? Records.round(socPct, 2) : null);
        powertrain.put("rangeKm", Records.round(electric ? socPct * 4 : 520 - (odometerM % 600_000) / 1000 * 0.8, 1));
        record.put("powertrain", powertrain);
        GenericData.Record diagnostics = Records.nested(schema, "diagnostics");
        diagnostics.put("dtcCodes", new ArrayList<>(dtcCodes));
        diagnostics.put("odometerM", Math.round(odometerM));
        record.put("diagnostics", diagnostics);
        GenericData.Record cabin = Records.nested(schema, "cabin");
        cabin.put("temperatureC", Records.round(21 + 0.5 * random.nextGaussian(), 2));
        record.put("cabin", cabin);
        return record;
    }

    /** Great-circle-free flat-earth distance in metres, good enough for a few kilometres. */
    static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double dNorth = (lat2 - lat1) * METRES_PER_DEGREE;
        double dEast = (lon2 - lon1) * METRES_PER_DEGREE * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return Math.hypot(dNorth, dEast);
    }
}
