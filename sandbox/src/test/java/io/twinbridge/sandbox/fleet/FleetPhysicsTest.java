package io.twinbridge.sandbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class FleetPhysicsTest {

    private static Map<String, List<GenericRecord>> samplesByDevice(AssetKind kind, int rounds) {
        FleetSimulator simulator = new FleetSimulator(FleetOptions.defaults().withTenants(List.of("acme"))
                .withKinds(EnumSet.of(kind)).withDevicesPerKind(4));
        return simulator.stream().limit((long) rounds * simulator.deviceCount())
                .collect(Collectors.groupingBy(SimRecord::key, Collectors.mapping(SimRecord::telemetry,
                        Collectors.toList())));
    }

    private static double d(GenericRecord record, String nested, String field) {
        return ((Number) ((GenericRecord) record.get(nested)).get(field)).doubleValue();
    }

    @Test
    void powerCurveRisesWithWindBelowRatedAndIsFlatUpToCutOut() {
        double previous = -1;
        for (double wind = 0; wind < TurbineSimulation.RATED_MS; wind += 0.1) {
            double power = TurbineSimulation.powerW(wind);
            assertTrue(power >= previous, "power fell at " + wind + " m/s");
            previous = power;
        }
        assertEquals(0, TurbineSimulation.powerW(2.9));
        assertEquals(TurbineSimulation.RATED_POWER_W, TurbineSimulation.powerW(18));
        assertEquals(0, TurbineSimulation.powerW(26));
    }

    @Test
    void simulatedTurbinePowerIsMonotoneInWindBelowRatedAndWindIsTimeCorrelated() {
        Map<String, List<GenericRecord>> byDevice = samplesByDevice(AssetKind.TURBINE, 1500);
        List<GenericRecord> belowRated = byDevice.values().stream().flatMap(List::stream)
                .filter(r -> d(r, "environment", "windSpeedMs") < TurbineSimulation.RATED_MS)
                .sorted(Comparator.comparingDouble(r -> d(r, "environment", "windSpeedMs")))
                .toList();
        assertTrue(belowRated.size() > 1000, "the wind should mostly be below rated");
        for (int i = 1; i < belowRated.size(); i++) {
            assertTrue(d(belowRated.get(i), "generator", "powerW") >= d(belowRated.get(i - 1), "generator", "powerW"));
        }
        for (List<GenericRecord> series : byDevice.values()) {
            for (int i = 1; i < series.size(); i++) {
                double step = Math.abs(d(series.get(i), "environment", "windSpeedMs")
                        - d(series.get(i - 1), "environment", "windSpeedMs"));
                assertTrue(step < 4, "wind jumped by " + step + " m/s in one second");
            }
        }
    }

    @Test
    void robotsCompleteCyclesAndTheCounterOnlyGoesUp() {
        for (List<GenericRecord> series : samplesByDevice(AssetKind.ROBOT, 600).values()) {
            long first = (Long) ((GenericRecord) series.get(0).get("controller")).get("cycleCount");
            long previous = first;
            for (GenericRecord record : series) {
                long count = (Long) ((GenericRecord) record.get("controller")).get("cycleCount");
                assertTrue(count >= previous);
                previous = count;
            }
            // 600 s at 10 to 14 s per cycle
            assertTrue(previous - first >= 40 && previous - first <= 62, "cycles in 10 min: " + (previous - first));
        }
    }

    @Test
    void robotJointsFollowTheProgramPath() {
        for (List<GenericRecord> series : samplesByDevice(AssetKind.ROBOT, 30).values()) {
            for (GenericRecord record : series) {
                @SuppressWarnings("unchecked")
                List<Double> angles = (List<Double>) ((GenericRecord) record.get("joints")).get("axisAnglesRad");
                assertEquals(6, angles.size());
                angles.forEach(a -> assertTrue(Math.abs(a) < Math.PI, "angle " + a));
            }
        }
        assertEquals(RobotSimulation.axisAngle(2, 0.3), RobotSimulation.axisAngle(2, 1.3), 1e-9);
    }

    @Test
    void hvacSupplyTemperatureConvergesToItsSetpoint() {
        for (List<GenericRecord> series : samplesByDevice(AssetKind.HVAC, 900).values()) {
            double setpoint = d(series.get(0), "setpoints", "temperatureC");
            double firstError = Math.abs(d(series.get(0), "supplyAir", "temperatureC") - setpoint);
            double lastError = Math.abs(d(series.get(series.size() - 1), "supplyAir", "temperatureC") - setpoint);
            assertTrue(firstError > 4, "starts away from the setpoint: " + firstError);
            assertTrue(lastError < 0.5, "after 15 min within 0.5 K: " + lastError);
            assertEquals("OFF", ((GenericRecord) series.get(series.size() - 1).get("compressor")).get("state")
                    .toString());
        }
    }

    @Test
    void vehiclesMoveAlongTheirRouteAtTheirSpeed() {
        for (List<GenericRecord> series : samplesByDevice(AssetKind.VEHICLE, 300).values()) {
            for (int i = 1; i < series.size(); i++) {
                GenericRecord before = series.get(i - 1);
                GenericRecord after = series.get(i);
                double moved = VehicleSimulation.distanceM(d(before, "location", "lat"), d(before, "location", "lon"),
                        d(after, "location", "lat"), d(after, "location", "lon"));
                double speed = d(after, "location", "speedMs");
                long odometerStep = (Long) ((GenericRecord) after.get("diagnostics")).get("odometerM")
                        - (Long) ((GenericRecord) before.get("diagnostics")).get("odometerM");
                assertTrue(moved <= speed + 0.5, "moved " + moved + " m at " + speed + " m/s");
                assertTrue(moved > 0.5, "a vehicle never stands still");
                assertTrue(Math.abs(odometerStep - speed) <= 1.01, "odometer step " + odometerStep + " at " + speed);
            }
        }
    }
}
