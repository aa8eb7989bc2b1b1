package io.twinbridge.gateway.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.twinbridge.gateway.codec.registry.RegistryConfig;
import io.twinbridge.gateway.mapping.TelemetryMappers;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.sandbox.fleet.AssetIncidents;
import io.twinbridge.sandbox.fleet.AssetKind;
import io.twinbridge.sandbox.fleet.Encoding;
import io.twinbridge.sandbox.fleet.FaultKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;

/**
 * The fleet simulator's records, in every encoding and for every asset kind, decode with the gateway's codecs (the
 * configured one and {@code auto}) and map to the patch that the same sample maps to straight from Avro; its bad
 * records fail at the stage and with the code they are meant to provoke.
 */
class FleetRoundTripTest {
    private static TestSchemaRegistry registry;
    private static Codecs codecs;
    private static TelemetryMappers mappers;
    private static final Map<String, Integer> IDS = new HashMap<>();

    @BeforeAll
    static void setUp() throws IOException {
        ModelRegistry models = ModelRegistry.fromClasspath();
        mappers = TelemetryMappers.compile(models);
        List<Schema> schemas = List.copyOf(models.avroSchemas().values());
        registry = new TestSchemaRegistry();
        int id = 100;
        for (AssetKind kind : AssetKind.values()) {
            registry.register(++id, models.avroSchema(kind.schemaFullName()).orElseThrow());
            IDS.put(kind.schemaFullName(), id);
        }
        codecs = Codecs.create(schemas, JsonSchemas.forTelemetry(schemas, FleetRoundTripTest.class.getClassLoader()),
                Optional.of(RegistryConfig.of(registry.url())));
    }

    @AfterAll
    static void tearDown() {
        registry.close();
    }

    private static FleetSimulator simulator(Encoding encoding, double badShare) {
        return new FleetSimulator(FleetOptions.defaults().withConfluentIds(IDS).withEncoding(encoding)
                .withFaults(badShare, EnumSet.allOf(FaultKind.class)));
    }

    private static Codec codecFor(Encoding encoding) {
        return codecs.forName(encoding.configName());
    }

    private static Result<TwinPatch> ingest(Codec codec, SimRecord record) {
        return codec.decode(record.value()).flatMap(mappers::map);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void goodRecordsOfEveryKindMapToTheSamePatchAsTheirAvroSample(Encoding encoding) {
        Map<AssetKind, Integer> seen = new HashMap<>();
        for (SimRecord record : simulator(encoding, 0).stream().limit(400).toList()) {
            TwinPatch expected = mappers.map(new DecodedEvent(record.kind().schemaFullName(),
                    new AvroFields(record.telemetry()))).value();

            for (Codec codec : List.of(codecFor(encoding), codecs.forKind(CodecKind.AUTO))) {
                Result<TwinPatch> patch = ingest(codec, record);
                assertTrue(patch.isOk(), () -> codec.name() + ": " + patch.failure());
                assertEquals(expected, patch.value(), codec.name() + " " + record.key());
            }
            seen.merge(record.kind(), 1, Integer::sum);
        }
        assertEquals(EnumSet.allOf(AssetKind.class), seen.keySet());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void patchesCarryTheBindingsScalesAndConversions(Encoding encoding) {
        for (SimRecord record : simulator(encoding, 0).stream().limit(32).toList()) {
            TwinPatch patch = ingest(codecFor(encoding), record).value();
            GenericRecord sample = record.telemetry();
            assertEquals(record.key(), patch.deviceId());
            assertEquals(record.timestamp(), patch.sourceTimestamp());
            switch (record.kind()) {
                case TURBINE -> assertEquals(nested(sample, "generator", "powerW") * 0.001,
                        (Double) patch.value("generator", "power").orElseThrow(), 1e-9);
                case VEHICLE -> assertEquals(nested(sample, "location", "speedMs") * 3.6,
                        (Double) patch.value("location", "speed").orElseThrow(), 1e-9);
                case HVAC -> assertEquals(nested(sample, "setpoints", "temperatureC"),
                        (Double) patch.value("setpoints", "targetTemperature").orElseThrow(), 1e-9);
                case ROBOT -> assertEquals(((GenericRecord) sample.get("controller")).get("cycleCount"),
                        ((Number) patch.value("controller", "cycleCount").orElseThrow()).longValue());
            }
        }
    }

    @Test
    void theDemosIncidentsAreValidAgainstTheThingModels() {
        // ten minutes of the demo fleet: turbine trips with their codes, a clogging filter and its replacement
        FleetSimulator fleet = new FleetSimulator(FleetOptions.defaults().withIncidents(AssetIncidents.demo()));
        java.util.Set<Object> seen = new java.util.HashSet<>();
        fleet.stream().limit(600L * fleet.deviceCount()).forEach(record -> {
            Result<TwinPatch> patch = mappers.map(new DecodedEvent(record.kind().schemaFullName(),
                    new AvroFields(record.telemetry())));
            assertTrue(patch.isOk(), () -> record.key() + ": " + patch.failure());
            patch.value().value("status", "state").filter("FAULT"::equals).ifPresent(seen::add);
            patch.value().value("filter", "replaceRequired").filter(Boolean.TRUE::equals).ifPresent(seen::add);
        });
        assertEquals(java.util.Set.of("FAULT", true), seen);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void badRecordsFailWhereTheyShould(Encoding encoding) {
        Map<FaultKind, Integer> seen = new HashMap<>();
        for (SimRecord record : simulator(encoding, 1.0).stream().limit(600).toList()) {
            FaultKind fault = record.fault().orElseThrow();
            Result<TwinPatch> result = ingest(codecFor(encoding), record);
            Result<TwinPatch> sniffed = ingest(codecs.forKind(CodecKind.AUTO), record);
            assertEquals(result.isOk(), sniffed.isOk());
            if (fault == FaultKind.FOREIGN_DEVICE) {
                // decodes and maps; refusing it is the ingest's tenant check, which compares with the topic
                assertTrue(result.isOk(), () -> result.failure().toString());
                assertTrue(result.value().deviceId().contains(":"), result.value().deviceId());
            } else {
                assertFalse(result.isOk(), fault + " mapped");
                assertEquals(expectedCode(fault, encoding), result.failure().code(), result.failure().message());
                assertEquals(result.failure().code(), sniffed.failure().code());
                assertFalse(DecodeErrors.isRetriable(result.failure()));
            }
            seen.merge(fault, 1, Integer::sum);
        }
        assertEquals(EnumSet.allOf(FaultKind.class), seen.keySet());
    }

    private static String expectedCode(FaultKind fault, Encoding encoding) {
        return switch (fault) {
            case GARBAGE -> DecodeErrors.MALFORMED;
            case UNKNOWN_SCHEMA -> DecodeErrors.UNKNOWN_SCHEMA;
            case OUT_OF_RANGE -> "validate.out-of-range";
            case WRONG_TYPE_OR_TRUNCATED -> encoding == Encoding.JSON
                    ? DecodeErrors.SCHEMA_VIOLATION : DecodeErrors.MALFORMED;
            case FOREIGN_DEVICE -> throw new IllegalArgumentException("foreign devices decode");
        };
    }

    private static double nested(GenericRecord record, String parent, String field) {
        return ((Number) ((GenericRecord) record.get(parent)).get(field)).doubleValue();
    }
}
