package io.twinbridge.sandbox.fleet;

import org.apache.avro.generic.GenericRecord;

/** One simulated device: its state advances by {@code dtSeconds} at each sample. Not thread-safe. */
interface DeviceSimulation {

    AssetKind kind();

    String deviceId();

    /** Advances the physics by {@code dtSeconds} and returns the sample taken at {@code timestampMillis}. */
    GenericRecord next(long timestampMillis, double dtSeconds);
}
