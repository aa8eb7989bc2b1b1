package io.twinbridge.gateway.codec;

import static io.twinbridge.gateway.codec.SingleObjectAvroCodecTest.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.twinbridge.gateway.codec.registry.RegistryAuth;
import io.twinbridge.gateway.codec.registry.RegistryConfig;
import io.twinbridge.gateway.codec.registry.SchemaRegistryClient;
import io.twinbridge.gateway.result.Result;

class ConfluentAvroCodecTest {
    static final List<String> KINDS = TestTelemetry.KINDS;

    private final TestSchemaRegistry registry = startRegistry();

    private static TestSchemaRegistry startRegistry() {
        try {
            return new TestSchemaRegistry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private ConfluentAvroCodec codec(RegistryConfig config, List<Schema> readers) {
        return new ConfluentAvroCodec(new SchemaRegistryClient(config), readers, config.cacheSize());
    }

    private ConfluentAvroCodec codec() {
        return codec(RegistryConfig.of(registry.url()), TestTelemetry.all());
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void roundTripsEveryTelemetryKind(String kind) {
        Schema schema = TestTelemetry.schema(kind);
        registry.register(17, schema);
        GenericRecord record = TestTelemetry.sample(schema, 5);

        Result<DecodedEvent> decoded = codec().decode(TestTelemetry.confluent(17, record));

        assertTrue(decoded.isOk(), () -> decoded.failure().toString());
        assertEquals(schema.getFullName(), decoded.value().schemaName());
        assertEquals(record, ((AvroFields) decoded.value().fields()).record());
    }

    @Test
    void writerWithAnAddedOptionalFieldStillDecodes() {
        GenericRecord record = probeRecord(probe(true, false), "p-1", 2.5);
        record.put("firmware", "9.1");

        Result<DecodedEvent> decoded = decodeWithReader(probe(false, false), 1, record);

        assertTrue(decoded.isOk(), () -> decoded.failure().toString());
        assertEquals(2.5, decoded.value().fields().get(FieldPath.parse("level")));
        assertNull(decoded.value().fields().get(FieldPath.parse("firmware")), "reader does not know the new field");
    }

    @Test
    void writerWithoutAFieldGetsTheReaderDefault() {
        Result<DecodedEvent> decoded = decodeWithReader(probe(false, true), 2,
                probeRecord(probe(false, false), "p-2", 1.0));

        assertTrue(decoded.isOk(), () -> decoded.failure().toString());
        assertEquals("celsius", decoded.value().fields().get(FieldPath.parse("unit")));
    }

    @Test
    void incompatibleWriterIsASchemaViolation() {
        Schema reader = SchemaBuilder.record("Probe").namespace("t").fields()
                .requiredString("deviceId").requiredDouble("level").requiredString("unit").endRecord();

        assertFailure(DecodeErrors.SCHEMA_VIOLATION, decodeWithReader(reader, 3,
                probeRecord(probe(false, false), "p-3", 1.0)));
    }

    @Test
    void unknownIdIsAnUnknownSchema() {
        GenericRecord record = TestTelemetry.sample(TestTelemetry.schema("Hvac"), 1);

        assertFailure(DecodeErrors.UNKNOWN_SCHEMA, codec().decode(TestTelemetry.confluent(404, record)));
    }

    @Test
    void writerSchemaWithoutALocalReaderIsAnUnknownSchema() {
        registry.register(5, probe(false, false));
        GenericRecord record = new GenericData.Record(probe(false, false));
        record.put("deviceId", "p");
        record.put("level", 0.0);

        assertFailure(DecodeErrors.UNKNOWN_SCHEMA, codec().decode(TestTelemetry.confluent(5, record)));
    }

    @Test
    void registryDownIsRetriableRegistryUnavailable() throws IOException {
        URI closedPort = closedPort();
        GenericRecord record = TestTelemetry.sample(TestTelemetry.schema("Turbine"), 1);

        Result<DecodedEvent> decoded = codec(RegistryConfig.of(closedPort), TestTelemetry.all())
                .decode(TestTelemetry.confluent(1, record));

        assertFailure(DecodeErrors.REGISTRY_UNAVAILABLE, decoded);
        assertTrue(DecodeErrors.isRetriable(decoded.failure()));
    }

    @Test
    void aHangingRegistryTimesOutAsRegistryUnavailable() {
        registry.hang();
        RegistryConfig config = RegistryConfig.of(registry.url())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));
        GenericRecord record = TestTelemetry.sample(TestTelemetry.schema("Turbine"), 1);

        assertFailure(DecodeErrors.REGISTRY_UNAVAILABLE,
                codec(config, TestTelemetry.all()).decode(TestTelemetry.confluent(1, record)));
    }

    @Test
    void failuresAreNotRetriableOtherwise() {
        GenericRecord record = TestTelemetry.sample(TestTelemetry.schema("Hvac"), 1);
        Result<DecodedEvent> decoded = codec().decode(TestTelemetry.confluent(404, record));

        assertFalse(DecodeErrors.isRetriable(decoded.failure()));
    }

    @Test
    void cacheIsBoundedAndServesRepeatedIdsWithoutAsking() {
        Schema turbine = TestTelemetry.schema("Turbine");
        for (int id = 1; id <= 3; id++) {
            registry.register(id, turbine);
        }
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(registry.url()));
        ConfluentAvroCodec codec = new ConfluentAvroCodec(client, TestTelemetry.all(), 2);
        GenericRecord record = TestTelemetry.sample(turbine, 1);

        for (int round = 0; round < 5; round++) {
            assertTrue(codec.decode(TestTelemetry.confluent(1, record)).isOk());
        }
        assertEquals(1, client.requestCount(), "one fetch for five records of one id");

        assertTrue(codec.decode(TestTelemetry.confluent(2, record)).isOk());
        assertTrue(codec.decode(TestTelemetry.confluent(3, record)).isOk());
        assertEquals(2, codec.cachedSchemaCount());
        assertTrue(codec.decode(TestTelemetry.confluent(1, record)).isOk());
        assertEquals(4, client.requestCount(), "id 1 was evicted as least recently used");
    }

    @Test
    void unknownIdsAreRememberedForTheRetentionOnly() {
        AtomicLong now = new AtomicLong();
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(registry.url()));
        ConfluentAvroCodec codec = new ConfluentAvroCodec(client, TestTelemetry.all(), 10, Duration.ofSeconds(30),
                now::get);
        GenericRecord record = TestTelemetry.sample(TestTelemetry.schema("Turbine"), 1);
        byte[] value = TestTelemetry.confluent(77, record);

        assertFailure(DecodeErrors.UNKNOWN_SCHEMA, codec.decode(value));
        assertFailure(DecodeErrors.UNKNOWN_SCHEMA, codec.decode(value));
        assertEquals(1, client.requestCount());

        registry.register(77, record.getSchema());
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertTrue(codec.decode(value).isOk(), "asks again once the retention is over");
        assertEquals(2, client.requestCount());
    }

    @Test
    void registryOutagesAreNotRemembered() throws IOException {
        URI closedPort = closedPort();
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(closedPort));
        ConfluentAvroCodec codec = new ConfluentAvroCodec(client, TestTelemetry.all(), 10);
        byte[] value = TestTelemetry.confluent(1, TestTelemetry.sample(TestTelemetry.schema("Turbine"), 1));

        codec.decode(value);
        codec.decode(value);

        assertEquals(2, client.requestCount());
    }

    @Test
    void sendsBasicAndBearerCredentials() {
        Schema hvac = TestTelemetry.schema("Hvac");
        registry.register(9, hvac);
        byte[] value = TestTelemetry.confluent(9, TestTelemetry.sample(hvac, 2));

        codec(RegistryConfig.of(registry.url()).withAuth(RegistryAuth.basic("gw", "s3cret")), TestTelemetry.all())
                .decode(value);
        codec(RegistryConfig.of(registry.url()).withAuth(RegistryAuth.bearer("tok")), TestTelemetry.all())
                .decode(value);

        assertEquals(List.of("Basic Z3c6czNjcmV0", "Bearer tok"), registry.authorizations());
    }

    @Test
    void decodeAsyncFetchesWithoutBlockingAndThenServesFromCache() {
        Schema vehicle = TestTelemetry.schema("Vehicle");
        registry.register(12, vehicle);
        ConfluentAvroCodec codec = codec();
        byte[] value = TestTelemetry.confluent(12, TestTelemetry.sample(vehicle, 4));

        Result<DecodedEvent> first = codec.decodeAsync(value).toCompletableFuture().join();
        boolean secondCompletedAtOnce = codec.decodeAsync(value).toCompletableFuture().isDone();

        assertTrue(first.isOk(), () -> first.failure().toString());
        assertTrue(secondCompletedAtOnce);
    }

    @Test
    void missingMagicByteIsMalformed() {
        assertFailure(DecodeErrors.MALFORMED, codec().decode(new byte[] {1, 0, 0, 0, 1, 2}));
        assertFailure(DecodeErrors.MALFORMED, codec().decode(new byte[] {0, 0, 0}));
    }

    /** The address of a local port that was free a moment ago and is closed now: a registry that is down. */
    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    /** A record of a probe schema with its two required fields set. */
    private static GenericRecord probeRecord(Schema writer, String deviceId, double level) {
        GenericRecord record = new GenericData.Record(writer);
        record.put("deviceId", deviceId);
        record.put("level", level);
        return record;
    }

    /** Registers the record's (writer's) schema under id and decodes it with a codec that knows the reader only. */
    private Result<DecodedEvent> decodeWithReader(Schema reader, int id, GenericRecord record) {
        registry.register(id, record.getSchema());
        return codec(RegistryConfig.of(registry.url()), List.of(reader)).decode(TestTelemetry.confluent(id, record));
    }

    private static Schema probe(boolean withFirmware, boolean withUnit) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Probe").namespace("t").fields()
                .requiredString("deviceId").requiredDouble("level");
        if (withFirmware) {
            fields = fields.optionalString("firmware");
        }
        if (withUnit) {
            fields = fields.name("unit").type().stringType().stringDefault("celsius");
        }
        return fields.endRecord();
    }
}
