package io.twinbridge.gateway.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.twinbridge.gateway.dashboard.KindProfile.FaultRule;
import io.twinbridge.gateway.dashboard.KindProfile.Field;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.model.PropertySpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The dashboard's view of the four demo kinds, with the bounds of each key property taken from the Thing Models, so
 * that the page highlights out-of-range values without hard-coding a single number.
 */
public final class KindProfiles {
    private final Map<String, KindProfile> profiles;
    private final ModelRegistry models;

    KindProfiles(List<KindProfile> profiles, ModelRegistry models) {
        Map<String, KindProfile> byKind = new LinkedHashMap<>();
        profiles.forEach(p -> byKind.put(p.kind(), p));
        this.profiles = java.util.Collections.unmodifiableMap(byKind);
        this.models = models;
    }

    /** The kinds of the demo fleet: turbine, robot, HVAC unit, vehicle. */
    public static KindProfiles standard(ModelRegistry models) {
        return new KindProfiles(List.of(
                new KindProfile("turbine", "Wind turbines", new Field("generator.power", "Power"),
                        List.of(new Field("generator.power", "Power"), new Field("rotor.speed", "Rotor"),
                                new Field("environment.windSpeed", "Wind"),
                                new Field("generator.temperature", "Gen. temp"), new Field("status.state", "State")),
                        List.of(new FaultRule("status.state", "equals", "FAULT", "fault state"),
                                new FaultRule("status.faultCode", "nonZero", "", "fault code"))),
                new KindProfile("robot", "Robots", new Field("controller.cycleCount", "Cycles"),
                        List.of(new Field("controller.cycleCount", "Cycles"),
                                new Field("controller.cycleTime", "Cycle time"), new Field("tool.payload", "Payload"),
                                new Field("controller.mode", "Mode"), new Field("health.errorCode", "Error")),
                        List.of(new FaultRule("health.errorCode", "nonZero", "", "error code"),
                                new FaultRule("tool.gripperState", "equals", "FAULT", "gripper fault"))),
                new KindProfile("hvac", "HVAC units", new Field("supplyAir.temperature", "Supply air"),
                        List.of(new Field("supplyAir.temperature", "Supply air"),
                                new Field("returnAir.temperature", "Return air"), new Field("returnAir.co2", "CO₂"),
                                new Field("filter.pressureDrop", "Filter Δp"), new Field("compressor.state", "Compressor")),
                        List.of(new FaultRule("filter.replaceRequired", "true", "", "replace filter"),
                                new FaultRule("compressor.state", "equals", "FAULT", "compressor fault"))),
                new KindProfile("vehicle", "Vehicles", new Field("location.speed", "Speed"),
                        List.of(new Field("location.speed", "Speed"),
                                new Field("powertrain.batteryStateOfCharge", "Battery"),
                                new Field("powertrain.range", "Range"), new Field("cabin.temperature", "Cabin"),
                                new Field("diagnostics.odometer", "Odometer")),
                        List.of(new FaultRule("diagnostics.dtcCodes", "nonEmpty", "", "DTC"))))
                .stream().filter(p -> models.byKind(p.kind()).isPresent()).toList(), models);
    }

    public Optional<KindProfile> forKind(String kind) {
        return Optional.ofNullable(profiles.get(kind));
    }

    /** Every property path the page needs of a twin of {@code kind}: key fields and fault rules. */
    List<String> watchedPaths(String kind) {
        KindProfile profile = profiles.get(kind);
        if (profile == null) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        profile.fields().forEach(f -> paths.add(f.path()));
        profile.faults().stream().map(FaultRule::path).filter(p -> !paths.contains(p)).forEach(paths::add);
        return paths;
    }

    /** The profiles as the page reads them, each field with its unit and the model's minimum and maximum. */
    public JsonObject toJson() {
        JsonObject kinds = new JsonObject();
        for (KindProfile profile : profiles.values()) {
            JsonArray fields = new JsonArray();
            profile.fields().forEach(f -> fields.add(field(profile.kind(), f)));
            JsonArray faults = new JsonArray();
            profile.faults().forEach(r -> faults.add(new JsonObject().put("path", r.path()).put("test", r.test())
                    .put("value", r.value()).put("label", r.label())));
            kinds.put(profile.kind(), new JsonObject().put("title", profile.title())
                    .put("main", field(profile.kind(), profile.main())).put("fields", fields).put("faults", faults));
        }
        return kinds;
    }

    private JsonObject field(String kind, Field field) {
        JsonObject json = new JsonObject().put("path", field.path()).put("label", field.label());
        spec(kind, field).ifPresent(spec -> {
            spec.unit().ifPresent(unit -> json.put("unit", shortUnit(unit)));
            spec.minimum().ifPresent(min -> json.put("min", min));
            spec.maximum().ifPresent(max -> json.put("max", max));
        });
        return json;
    }

    private Optional<PropertySpec> spec(String kind, Field field) {
        return models.byKind(kind).flatMap(bound -> bound.model().feature(field.featureId()))
                .flatMap(feature -> feature.property(field.property()));
    }

    /** {@code om2:kilowatt} reads as {@code kW} on a card; units without a known short form stay as declared. */
    static String shortUnit(String unit) {
        String name = unit.substring(unit.indexOf(':') + 1);
        return switch (name) {
            case "kilowatt" -> "kW";
            case "degreeCelsius" -> "°C";
            case "metrePerSecond-Time" -> "m/s";
            case "partsPerMillion" -> "ppm";
            case "degree" -> "°";
            case "kilometrePerHour" -> "km/h";
            case "percent" -> "%";
            case "kilogram" -> "kg";
            case "millisecond" -> "ms";
            case "pascal" -> "Pa";
            case "kilometre" -> "km";
            default -> name;
        };
    }
}
