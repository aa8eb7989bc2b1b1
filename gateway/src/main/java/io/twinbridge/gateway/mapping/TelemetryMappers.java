package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.codec.DecodedEvent;
import io.twinbridge.gateway.model.BoundModel;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The compiled {@link TelemetryMapper} of every binding, chosen by the event's writer schema name. Thread-safe. */
public final class TelemetryMappers {
    private final Map<String, TelemetryMapper> bySchema;

    private TelemetryMappers(Map<String, TelemetryMapper> bySchema) {
        this.bySchema = Map.copyOf(bySchema);
    }

    public static TelemetryMappers compile(ModelRegistry registry) {
        Map<String, TelemetryMapper> mappers = new HashMap<>();
        for (BoundModel bound : registry.boundModels()) {
            mappers.put(bound.schema().getFullName(), TelemetryMapper.compile(bound));
        }
        return new TelemetryMappers(mappers);
    }

    public Optional<TelemetryMapper> forSchema(String schemaFullName) {
        return Optional.ofNullable(bySchema.get(schemaFullName));
    }

    /** Decode-to-patch step of ingest: {@code map.unknown-schema} when no binding reads the event's schema. */
    public Result<TwinPatch> map(DecodedEvent event) {
        TelemetryMapper mapper = bySchema.get(event.schemaName());
        if (mapper == null) {
            return Result.err(Stage.MAP, ErrorCodes.UNKNOWN_SCHEMA,
                    "no binding for schema " + event.schemaName() + "; bound: " + bySchema.keySet());
        }
        return mapper.map(event);
    }
}
