package io.twinbridge.gateway.mapping;

import io.twinbridge.gateway.codec.DecodedEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid, realistic telemetry events per kind as mutable nested maps, so tests can break one field at a time. */
final class SampleEvents {
    static final long TS = 1_717_171_717_000L;

    private SampleEvents() {
    }

    static Map<String, Object> turbine() {
        Map<String, Object> e = header("WTG-07");
        e.put("rotor", map("speedRpm", 12.3, "pitchAngleDeg", 1.5));
        e.put("generator", map("powerW", 2_150_000.0, "temperatureC", 78.4));
        e.put("nacelle", map("yawDeg", 245.0, "vibrationMmS", 2.8));
        e.put("environment", map("windSpeedMs", 9.6, "windDirectionDeg", 250.0));
        e.put("status", map("state", "PRODUCING"));
        return e;
    }

    static Map<String, Object> robot() {
        Map<String, Object> e = header("KR210-3");
        e.put("joints", map("axisAnglesRad", List.of(0.0, Math.PI / 2, -Math.PI / 4, 0.1, 1.0, -3.0),
                "axisTorquesNm", List.of(12.0, 850.5, 410.0, 35.2, 20.1, 8.7)));
        e.put("tool", map("gripperState", "GRIPPING", "payloadKg", 42.5));
        e.put("controller", map("program", "PICK_PLACE_A", "cycleCount", 1_234_567L, "mode", "AUTO", "cycleTimeMs", 5400));
        e.put("health", map("motorTemperaturesC", List.of(41.0, 55.5, 52.0, 38.0, 36.5, 33.0), "errorCode", 0));
        return e;
    }

    static Map<String, Object> hvac() {
        Map<String, Object> e = header("AHU-2-ROOF");
        e.put("supplyAir", map("temperatureC", 16.5, "humidityPct", 48.0));
        e.put("returnAir", map("temperatureC", 23.1, "humidityPct", 41.0, "co2Ppm", 780));
        e.put("setpoints", map("temperatureC", 21.5, "fanMode", "AUTO"));
        e.put("compressor", map("state", "RUNNING", "powerKw", 12.4));
        e.put("filter", map("pressureDropPa", 135.0, "replaceRequired", false));
        return e;
    }

    static Map<String, Object> vehicle() {
        Map<String, Object> e = header("VAN-0042");
        e.put("location", map("lat", 48.1374, "lon", 11.5755, "headingDeg", 92.0, "speedMs", 13.9));
        e.put("powertrain", map("batterySocPct", 67.5, "rangeKm", 182.0));
        e.put("diagnostics", map("dtcCodes", List.of("P0301"), "odometerM", 48_213_500L));
        e.put("cabin", map("temperatureC", 20.5));
        return e;
    }

    static DecodedEvent event(String schemaSimpleName, Map<String, Object> fields) {
        return new DecodedEvent("twinbridge.telemetry." + schemaSimpleName, new MapEventFields(fields));
    }

    /** Replaces (or, with a null value, removes) the value at a dotted path. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> event, String dotted, Object value) {
        String[] segments = dotted.split("\\.");
        Map<String, Object> current = event;
        for (int i = 0; i < segments.length - 1; i++) {
            current = (Map<String, Object>) current.get(segments[i]);
        }
        if (value == null) {
            current.remove(segments[segments.length - 1]);
        } else {
            current.put(segments[segments.length - 1], value);
        }
        return event;
    }

    private static Map<String, Object> header(String deviceId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("deviceId", deviceId);
        e.put("timestamp", TS);
        return e;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
