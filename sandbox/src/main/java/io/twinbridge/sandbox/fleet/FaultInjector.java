package io.twinbridge.sandbox.fleet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Spoils a good sample in one of the {@link FaultKind} ways. Deterministic given its {@link Random}. */
final class FaultInjector {
    static final String UNKNOWN_SCHEMA_NAME = AssetKind.NAMESPACE + ".UnknownTelemetry";
    /** Registry id that the simulator never registers. */
    static final int UNKNOWN_SCHEMA_ID = 999_999;

    private final Encoding encoding;
    private final TelemetryEncoder encoder;
    private final List<String> tenants;
    private final Random random;

    FaultInjector(Encoding encoding, TelemetryEncoder encoder, List<String> tenants, Random random) {
        this.encoding = encoding;
        this.encoder = encoder;
        this.tenants = tenants;
        this.random = random;
    }

    /** The spoiled value and the device id it claims. */
    record Spoiled(String deviceId, byte[] value) {
    }

    Spoiled spoil(FaultKind fault, String tenant, AssetKind kind, GenericRecord sample) {
        String deviceId = sample.get("deviceId").toString();
        return switch (fault) {
            case GARBAGE -> new Spoiled(deviceId, garbage());
            case UNKNOWN_SCHEMA -> new Spoiled(deviceId, unknownSchema(sample));
            case OUT_OF_RANGE -> new Spoiled(deviceId, encoder.encode(outOfRange(kind, sample)));
            case WRONG_TYPE_OR_TRUNCATED -> new Spoiled(deviceId, wrongTypeOrTruncated(kind, sample));
            case FOREIGN_DEVICE -> foreign(tenant, sample, deviceId);
        };
    }

    private byte[] garbage() {
        byte[] value = new byte[16 + random.nextInt(100)];
        random.nextBytes(value);
        value[0] = (byte) 0xFF;
        return value;
    }

    private byte[] unknownSchema(GenericRecord sample) {
        return switch (encoding) {
            case SINGLE_OBJECT -> {
                byte[] body = TelemetryEncoder.body(sample);
                yield ByteBuffer.allocate(10 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                        .put((byte) 0xC3).put((byte) 0x01).putLong(random.nextLong()).put(body).array();
            }
            case CONFLUENT -> TelemetryEncoder.Confluent.frame(UNKNOWN_SCHEMA_ID, TelemetryEncoder.body(sample));
            case JSON -> {
                ObjectNode json = TelemetryEncoder.jsonTree(sample);
                json.put(TelemetryEncoder.JSON_SCHEMA_FIELD, UNKNOWN_SCHEMA_NAME);
                yield json.toString().getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /** A value no Thing Model allows: 95 m/s wind, 750 kg payload, 180 % humidity, latitude 123. */
    static GenericRecord outOfRange(AssetKind kind, GenericRecord sample) {
        GenericRecord copy = GenericData.get().deepCopy(sample.getSchema(), sample);
        Map.Entry<String, String> at = spoiledField(kind);
        GenericRecord nested = (GenericRecord) copy.get(at.getKey());
        nested.put(at.getValue(), switch (kind) {
            case TURBINE -> 95.0;
            case ROBOT -> 750.0;
            case HVAC -> 180.0;
            case VEHICLE -> 123.4;
        });
        return copy;
    }

    static Map.Entry<String, String> spoiledField(AssetKind kind) {
        return switch (kind) {
            case TURBINE -> Map.entry("environment", "windSpeedMs");
            case ROBOT -> Map.entry("tool", "payloadKg");
            case HVAC -> Map.entry("supplyAir", "humidityPct");
            case VEHICLE -> Map.entry("location", "lat");
        };
    }

    private byte[] wrongTypeOrTruncated(AssetKind kind, GenericRecord sample) {
        if (encoding == Encoding.JSON) {
            ObjectNode json = TelemetryEncoder.jsonTree(sample);
            Map.Entry<String, String> at = spoiledField(kind);
            ((ObjectNode) json.get(at.getKey())).put(at.getValue(), "n/a");
            return json.toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] full = encoder.encode(sample);
        int header = encoding == Encoding.SINGLE_OBJECT ? 10 : 5;
        return Arrays.copyOf(full, header + random.nextInt(full.length - header));
    }

    private Spoiled foreign(String tenant, GenericRecord sample, String deviceId) {
        String other = tenants.stream().filter(t -> !t.equals(tenant)).findFirst().orElse("intruder");
        String qualified = other + ":" + deviceId;
        GenericRecord copy = GenericData.get().deepCopy(sample.getSchema(), sample);
        copy.put("deviceId", qualified);
        return new Spoiled(qualified, encoder.encode(copy));
    }
}
