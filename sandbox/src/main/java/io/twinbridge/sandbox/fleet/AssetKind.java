package io.twinbridge.sandbox.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.apache.avro.Schema;

/** The four simulated asset kinds and their telemetry schemas ({@code schemas/<Name>.avsc} on the class path). */
public enum AssetKind {
    TURBINE("TurbineTelemetry", "WTG"),
    ROBOT("RobotTelemetry", "RBT"),
    HVAC("HvacTelemetry", "AHU"),
    VEHICLE("VehicleTelemetry", "VEH");

    public static final String NAMESPACE = "twinbridge.telemetry";

    private final String recordName;
    private final String devicePrefix;

    AssetKind(String recordName, String devicePrefix) {
        this.recordName = recordName;
        this.devicePrefix = devicePrefix;
    }

    public String schemaFullName() {
        return NAMESPACE + "." + recordName;
    }

    /** e.g. {@code WTG-003} */
    public String deviceId(int index) {
        return String.format(Locale.ROOT, "%s-%03d", devicePrefix, index);
    }

    /** Parses this kind's shipped schema; each call returns a fresh instance. */
    public Schema loadSchema() {
        String resource = "schemas/" + recordName + ".avsc";
        try (InputStream in = AssetKind.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + resource + " not on the class path");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
