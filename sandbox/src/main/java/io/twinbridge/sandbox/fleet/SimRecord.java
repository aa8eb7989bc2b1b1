package io.twinbridge.sandbox.fleet;

import java.util.Objects;
import java.util.Optional;

import org.apache.avro.generic.GenericRecord;

/**
 * One simulated Kafka record.
 *
 * @param tenant    the tenant whose topic it goes to
 * @param topic     {@code <prefix>.telemetry.<tenant>}
 * @param key       the device id
 * @param value     the encoded value
 * @param kind      the device's asset kind
 * @param telemetry the sample the value was made from (for a fault: before it was spoiled)
 * @param fault     the injected fault, if this is a bad record
 */
public record SimRecord(String tenant, String topic, String key, byte[] value, AssetKind kind,
                        GenericRecord telemetry, Optional<FaultKind> fault) {
    public SimRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(fault, "fault");
    }

    public long timestamp() {
        return (Long) telemetry.get("timestamp");
    }
}
