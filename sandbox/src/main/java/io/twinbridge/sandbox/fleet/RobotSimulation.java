package io.twinbridge.sandbox.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A six-axis robot running a pick-and-place program in automatic mode. Each cycle takes about 12 s; within a cycle
 * the axes follow the program's path (a smooth periodic motion per axis), the gripper closes on the part for the
 * middle of the cycle, and torques rise with acceleration and payload. The cycle counter increases by one per cycle.
 */
final class RobotSimulation extends DeviceSimulation {
    private static final int AXES = 6;
    private static final double[] HOME_RAD = {0.0, -1.2, 1.4, 0.0, 0.9, 0.0};
    private static final double[] AMPLITUDE_RAD = {1.3, 0.5, 0.6, 0.8, 0.7, 1.5};
    private static final double PART_KG = 2.4;

    private final String program;
    private final double nominalCycleS;
    private double phase;
    private double currentCycleS;
    private long cycleCount;
    private Integer lastCycleMs;
    private final double[] motorTempC = new double[AXES];

    RobotSimulation(Schema schema, String deviceId, Random random) {
        super(AssetKind.ROBOT, schema, deviceId, random);
        this.program = random.nextBoolean() ? "PICK_PLACE_A" : "PALLETIZE_B";
        this.nominalCycleS = 10 + random.nextDouble() * 4;
        this.currentCycleS = nominalCycleS;
        this.cycleCount = 10_000 + random.nextInt(50_000);
        this.phase = random.nextDouble();
        for (int i = 0; i < AXES; i++) {
            motorTempC[i] = 35 + random.nextDouble() * 5;
        }
    }

    /** Axis angle in radians at a phase of the cycle, 0 to 1: the program's path. */
    static double axisAngle(int axis, double phase) {
        return HOME_RAD[axis] + AMPLITUDE_RAD[axis] * Math.sin(2 * Math.PI * phase + axis * 0.7);
    }

    static boolean gripping(double phase) {
        return phase >= 0.25 && phase < 0.65;
    }

    @Override
    GenericRecord next(long timestampMillis, double dt) {
        phase += dt / currentCycleS;
        while (phase >= 1) {
            phase -= 1;
            cycleCount++;
            lastCycleMs = (int) Math.round(currentCycleS * 1000);
            currentCycleS = nominalCycleS * (1 + 0.03 * random.nextGaussian());
        }
        boolean holding = gripping(phase);
        double payload = holding ? PART_KG : 0;
        List<Double> angles = new ArrayList<>(AXES);
        List<Double> torques = new ArrayList<>(AXES);
        List<Double> temps = new ArrayList<>(AXES);
        for (int axis = 0; axis < AXES; axis++) {
            angles.add(Records.round(axisAngle(axis, phase), 4));
            double acceleration = -AMPLITUDE_RAD[axis] * Math.sin(2 * Math.PI * phase + axis * 0.7);
            double torque = 40 * acceleration + (axis < 3 ? 25 * (1 + payload) : 4 * (1 + payload))
                    + 2 * random.nextGaussian();
            torques.add(Records.round(torque, 2));
            motorTempC[axis] += ((38 + Math.abs(torque) * 0.08) - motorTempC[axis]) * Math.min(1, 0.005 * dt);
            temps.add(Records.round(motorTempC[axis], 2));
        }

        GenericData.Record record = sample(timestampMillis);
        GenericData.Record joints = Records.nested(schema, "joints");
        joints.put("axisAnglesRad", angles);
        joints.put("axisTorquesNm", torques);
        record.put("joints", joints);
        GenericData.Record tool = Records.nested(schema, "tool");
        tool.put("gripperState", Records.symbol(tool.getSchema(), "gripperState", holding ? "GRIPPING" : "OPEN"));
        tool.put("payloadKg", Records.round(payload + (holding ? 0.02 * random.nextGaussian() : 0), 3));
        record.put("tool", tool);
        GenericData.Record controller = Records.nested(schema, "controller");
        controller.put("program", program);
        controller.put("cycleCount", cycleCount);
        controller.put("mode", Records.symbol(controller.getSchema(), "mode", "AUTO"));
        controller.put("cycleTimeMs", lastCycleMs);
        record.put("controller", controller);
        GenericData.Record health = Records.nested(schema, "health");
        health.put("motorTemperaturesC", temps);
        health.put("errorCode", 0);
        record.put("health", health);
        record.put("controllerSerial", "KRC-" + deviceId);
        return record;
    }
}
