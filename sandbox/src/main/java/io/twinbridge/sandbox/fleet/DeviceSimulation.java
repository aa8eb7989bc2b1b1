package io.twinbridge.sandbox.fleet;

import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * One simulated device: its state advances by {@code dtSeconds} at each sample. What every kind shares lives here:
 * its kind, device id, schema and random source, and the sample's top-level fields. Not thread-safe.
 */
abstract class DeviceSimulation {
    protected final Schema schema;
    protected final String deviceId;
    protected final Random random;
    private final AssetKind kind;

    DeviceSimulation(AssetKind kind, Schema schema, String deviceId, Random random) {
        this.kind = kind;
        this.schema = schema;
        this.deviceId = deviceId;
        this.random = random;
    }

    final AssetKind kind() {
        return kind;
    }

    final String deviceId() {
        return deviceId;
    }

    /** Advances the physics by {@code dtSeconds} and returns the sample taken at {@code timestampMillis}. */
    abstract GenericRecord next(long timestampMillis, double dtSeconds);

    /** A sample of this device's schema with the fields every kind has: the device id and the timestamp. */
    protected final GenericData.Record sample(long timestampMillis) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put("deviceId", deviceId);
        record.put("timestamp", timestampMillis);
        return record;
    }
}
