package io.twinbridge.launcher.bench;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.Codecs;
import io.twinbridge.gateway.codec.DecodedEvent;
import io.twinbridge.gateway.mapping.TelemetryMappers;
import io.twinbridge.gateway.mapping.TimedValue;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.mapping.TwinPatchCoalescer;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * The newest value of every property per device, built from the valid records in the order they were produced, to
 * check the twins after a run: a twin that does not hold one of them lost (at least) that device's newest record.
 */
final class TwinExpectation {
    private final Codecs codecs;
    private final TelemetryMappers mappers;
    private final Map<String, TwinPatch> latest = new HashMap<>();
    private final Map<String, Long> eventsPerDevice = new HashMap<>();

    TwinExpectation(Codecs codecs, TelemetryMappers mappers) {
        this.codecs = codecs;
        this.mappers = mappers;
    }

    /** Adds a record the simulator produced as valid; one that does not map is a defect of the simulator. */
    void add(SimRecord r) {
        Result<DecodedEvent> decoded = codecs.forKind(CodecKind.AUTO).decode(r.value());
        Result<TwinPatch> patch = decoded.flatMap(mappers::map);
        if (!patch.isOk()) {
            throw new IllegalStateException("the simulator produced a record that does not map: " + patch);
        }
        latest.merge(r.key(), patch.value(), TwinPatchCoalescer::merge);
        eventsPerDevice.merge(r.key(), 1L, Long::sum);
    }

    int devices() {
        return latest.size();
    }

    Set<String> deviceIds() {
        return latest.keySet();
    }

    /**
     * Events of the devices whose twin does not hold the newest values.
     *
     * @param twinOfDevice the twin of a device id as Ditto stores it, empty if there is none
     */
    long verify(Function<String, Optional<JsonObject>> twinOfDevice) {
        long missing = 0;
        for (Map.Entry<String, TwinPatch> e : latest.entrySet()) {
            Optional<JsonObject> twin = twinOfDevice.apply(e.getKey());
            if (twin.isEmpty() || !holds(twin.get(), e.getValue())) {
                missing += eventsPerDevice.get(e.getKey());
            }
        }
        return missing;
    }

    /** Devices whose twin does not hold the newest values. */
    long devicesOff(Function<String, Optional<JsonObject>> twinOfDevice) {
        return latest.entrySet().stream()
                .filter(e -> twinOfDevice.apply(e.getKey()).map(t -> !holds(t, e.getValue())).orElse(true))
                .count();
    }

    static boolean holds(JsonObject twin, TwinPatch patch) {
        JsonObject wanted = patch.toMergePatch();
        for (Map.Entry<String, Map<String, TimedValue>> f : patch.features().entrySet()) {
            for (String property : f.getValue().keySet()) {
                JsonPointer pointer = JsonPointer.of("/features/" + f.getKey() + "/properties/" + property);
                Optional<JsonValue> want = wanted.getValue(pointer);
                if (!want.equals(twin.getValue(pointer))) {
                    return false;
                }
            }
        }
        return true;
    }
}
