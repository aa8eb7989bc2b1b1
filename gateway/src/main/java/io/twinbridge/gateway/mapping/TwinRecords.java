package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.model.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.eclipse.ditto.json.JsonValue;

/**
 * Encodes the values of egress records: {@code TwinChangeEvent} (Avro single-object encoding or the Ditto protocol
 * JSON) and {@code DeviceCommand} (Avro single-object encoding), with the schemas the model registry loaded.
 */
public final class TwinRecords {
    public static final String TWIN_CHANGE_EVENT = "twinbridge.twin.TwinChangeEvent";
    public static final String DEVICE_COMMAND = "twinbridge.command.DeviceCommand";

    private final EgressFormat format;
    private final Schema commandSchema;
    private final TwinChangeEventEncoder eventEncoder;
    private final BinaryMessageEncoder<GenericRecord> commandEncoder;

    public TwinRecords(ModelRegistry models, EgressFormat format) {
        this.format = format;
        Schema eventSchema = models.avroSchema(TWIN_CHANGE_EVENT)
                .orElseThrow(() -> new IllegalStateException("schema " + TWIN_CHANGE_EVENT + " not loaded"));
        this.commandSchema = models.avroSchema(DEVICE_COMMAND)
                .orElseThrow(() -> new IllegalStateException("schema " + DEVICE_COMMAND + " not loaded"));
        this.eventEncoder = new TwinChangeEventEncoder(eventSchema);
        this.commandEncoder = new BinaryMessageEncoder<>(GenericData.get(), commandSchema);
    }

    public byte[] twinEvent(String tenant, TwinEvent event, Optional<String> definition) {
        if (format == EgressFormat.DITTO_JSON) {
            return event.protocolJson().getBytes(StandardCharsets.UTF_8);
        }
        String path = event.path().isEmpty() ? "/" : event.path().toString();
        return eventEncoder.encode(event.thingId(), tenant, event.action(), path,
                event.value().map(JsonValue::toString).orElse(null), event.revision(),
                event.timestamp().map(Instant::toEpochMilli).orElseGet(System::currentTimeMillis),
                definition.orElse(null), event.correlationId().orElse(null));
    }

    /**
     * @param commandId  stable across replays of the same event, so that a device can drop duplicates
     * @param parameters parameter name to value (Boolean, Long, Double or String)
     */
    public byte[] deviceCommand(String tenant, TwinEvent event, String commandId, String command,
                         Map<String, Object> parameters) {
        GenericRecord record = new GenericData.Record(commandSchema);
        record.put("commandId", commandId);
        record.put("deviceId", event.thingName());
        record.put("thingId", event.thingId());
        record.put("tenant", tenant);
        record.put("timestamp", event.timestamp().orElseGet(Instant::now).toEpochMilli());
        record.put("command", command);
        record.put("parameters", new LinkedHashMap<>(parameters));
        record.put("correlationId", event.correlationId().orElse(null));
        return encode(commandEncoder, record);
    }

    /** Device-side parameter values as the {@code DeviceCommand.parameters} union wants them. */
    public static Object avroParameter(DesiredCommand command) {
        Object value = command.value();
        if (value instanceof Integer i) {
            return i.longValue();
        } else if (value instanceof Float f) {
            return f.doubleValue();
        } else if (value instanceof List<?> list) {
            return list.toString();
        }
        return value;
    }

    private static byte[] encode(BinaryMessageEncoder<GenericRecord> encoder, GenericRecord record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
        }
    }
}
