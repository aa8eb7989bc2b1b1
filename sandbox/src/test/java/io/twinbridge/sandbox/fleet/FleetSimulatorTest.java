package io.twinbridge.sandbox.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FleetSimulatorTest {
    private static final Map<String, Integer> IDS = Map.of(
            AssetKind.TURBINE.schemaFullName(), 1, AssetKind.ROBOT.schemaFullName(), 2,
            AssetKind.HVAC.schemaFullName(), 3, AssetKind.VEHICLE.schemaFullName(), 4);

    @Test
    void sameSeedSameRecordsOtherSeedOtherRecords() {
        List<SimRecord> a = new FleetSimulator(FleetOptions.defaults().withFaults(0.1, EnumSet.allOf(FaultKind.class)))
                .stream().limit(500).toList();
        List<SimRecord> b = new FleetSimulator(FleetOptions.defaults().withFaults(0.1, EnumSet.allOf(FaultKind.class)))
                .stream().limit(500).toList();
        List<SimRecord> c = new FleetSimulator(FleetOptions.defaults().withSeed(7)).stream().limit(500).toList();

        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value(), b.get(i).value());
            assertEquals(a.get(i).key(), b.get(i).key());
        }
        assertNotEquals(a.get(0).telemetry(), c.get(0).telemetry());
    }

    @Test
    void everyDeviceOfEveryTenantSamplesOncePerRoundOnItsTenantTopic() {
        FleetSimulator simulator = new FleetSimulator(FleetOptions.defaults().withDevicesPerKind(3));
        List<SimRecord> round = simulator.stream().limit(simulator.deviceCount()).toList();

        assertEquals(2 * 4 * 3, round.size());
        assertEquals(Set.of("twinbridge.telemetry.acme", "twinbridge.telemetry.globex"),
                round.stream().map(SimRecord::topic).collect(Collectors.toSet()));
        assertEquals(24, round.stream().map(r -> r.tenant() + "/" + r.key()).distinct().count());
        round.forEach(r -> assertEquals(r.key(), r.telemetry().get("deviceId").toString()));
        SimRecord secondRoundFirst = simulator.stream().skip(simulator.deviceCount()).findFirst().orElseThrow();
        assertEquals(round.get(0).timestamp() + 1000, secondRoundFirst.timestamp());
    }

    @Test
    void injectsTheChosenShareOfBadRecordsOfEveryKind() {
        List<SimRecord> records = new FleetSimulator(FleetOptions.defaults()
                .withFaults(0.2, EnumSet.allOf(FaultKind.class))).stream().limit(10_000).toList();
        Map<FaultKind, Long> byFault = records.stream().filter(r -> r.fault().isPresent())
                .collect(Collectors.groupingBy(r -> r.fault().get(), Collectors.counting()));
        long bad = byFault.values().stream().mapToLong(Long::longValue).sum();

        assertTrue(bad > 1800 && bad < 2200, "bad records: " + bad);
        assertEquals(EnumSet.allOf(FaultKind.class), byFault.keySet());
        byFault.values().forEach(n -> assertTrue(n > 300, "each kind about 400 times: " + byFault));
        for (SimRecord r : records) {
            switch (r.fault().orElse(FaultKind.OUT_OF_RANGE)) {
                case GARBAGE -> assertEquals((byte) 0xFF, r.value()[0]);
                case FOREIGN_DEVICE -> assertTrue(r.key().startsWith(r.tenant().equals("acme") ? "globex:" : "acme:"));
                default -> assertEquals((byte) 0xC3, r.value()[0]);
            }
        }
    }

    @Test
    void onlyTheChosenFaultKindsAreInjected() {
        assertTrue(new FleetSimulator(FleetOptions.defaults().withFaults(0.5, EnumSet.of(FaultKind.GARBAGE)))
                .stream().limit(1000).allMatch(r -> r.fault().isEmpty() || r.fault().get() == FaultKind.GARBAGE));
        assertThrows(IllegalArgumentException.class, () -> FleetOptions.defaults().withFaults(0.1, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> FleetOptions.defaults().withEncoding(Encoding.CONFLUENT));
    }

    @Test
    void singleObjectRecordsDecodeWithAvrosMessageDecoder() throws IOException {
        SchemaStore.Cache store = new SchemaStore.Cache();
        for (AssetKind kind : AssetKind.values()) {
            store.addSchema(kind.loadSchema());
        }
        for (SimRecord record : new FleetSimulator(FleetOptions.defaults()).stream().limit(200).toList()) {
            BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(),
                    record.telemetry().getSchema(), store);
            assertEquals(record.telemetry(), decoder.decode(record.value()));
        }
    }

    @Test
    void confluentRecordsCarryTheirIdAndAnAvroBody() throws IOException {
        for (SimRecord record : new FleetSimulator(FleetOptions.defaults().withConfluentIds(IDS)
                .withEncoding(Encoding.CONFLUENT)).stream().limit(200).toList()) {
            ByteBuffer buffer = ByteBuffer.wrap(record.value());
            assertEquals(0, buffer.get());
            assertEquals(IDS.get(record.kind().schemaFullName()), buffer.getInt());
            Schema schema = record.telemetry().getSchema();
            GenericRecord decoded = new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(record.value(), 5, record.value().length - 5, null));
            assertEquals(record.telemetry(), decoded);
        }
    }

    @Test
    void jsonRecordsNameTheirSchemaAndKeepTheAvroFieldNames() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (SimRecord record : new FleetSimulator(FleetOptions.defaults().withEncoding(Encoding.JSON))
                .stream().limit(200).toList()) {
            JsonNode json = mapper.readTree(record.value());
            assertEquals(record.kind().schemaFullName(), json.get("schema").textValue());
            assertEquals(record.key(), json.get("deviceId").textValue());
            assertEquals(record.timestamp(), json.get("timestamp").longValue());
            for (Schema.Field field : record.telemetry().getSchema().getFields()) {
                assertTrue(json.has(field.name()), field.name());
            }
        }
    }
}
