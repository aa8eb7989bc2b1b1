package io.twinbridge.gateway.codec;

import static io.twinbridge.gateway.codec.SingleObjectAvroCodecTest.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import io.twinbridge.gateway.codec.registry.RegistryConfig;

class CodecsTest {
    private final GenericRecord record = TestTelemetry.sample(TestTelemetry.schema("Vehicle"), 2);

    @Test
    void configNamesSelectTheCodec() {
        Codecs codecs = Codecs.create(TestTelemetry.all(), TestTelemetry.jsonSchemas(), Optional.empty());

        assertEquals(SingleObjectAvroCodec.NAME, codecs.forName("avro-single-object").name());
        assertEquals(JsonCodec.NAME, codecs.forName(" JSON ").name());
        assertEquals(SniffingCodec.NAME, codecs.forName("auto").name());
        assertSame(codecs.forKind(CodecKind.JSON), codecs.forName("json"));
        IllegalStateException noRegistry = assertThrows(IllegalStateException.class,
                () -> codecs.forKind(CodecKind.CONFLUENT_AVRO));
        assertTrue(noRegistry.getMessage().contains("registry"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> codecs.forName("xml"));
        assertTrue(unknown.getMessage().contains("confluent-avro"), unknown.getMessage());
    }

    @Test
    void autoSniffsEachEncoding() throws IOException {
        try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
            registry.register(4, record.getSchema());
            Codec auto = Codecs.create(TestTelemetry.all(), TestTelemetry.jsonSchemas(),
                    Optional.of(RegistryConfig.of(registry.url()))).forKind(CodecKind.AUTO);

            for (byte[] value : new byte[][] {TestTelemetry.singleObject(record), TestTelemetry.confluent(4, record),
                    TestTelemetry.json(record), ("\n  " + new String(TestTelemetry.json(record),
                            StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)}) {
                assertEquals(record, roundTrip(auto, value));
                assertTrue(auto.decodeAsync(value).toCompletableFuture().join().isOk());
            }
        }
    }

    @Test
    void autoRejectsUnknownPrefixesAndConfluentWithoutRegistry() {
        Codec auto = Codecs.create(TestTelemetry.all(), TestTelemetry.jsonSchemas(), Optional.empty())
                .forKind(CodecKind.AUTO);

        assertFailure(DecodeErrors.MALFORMED, auto.decode("<xml/>".getBytes(StandardCharsets.UTF_8)));
        assertFailure(DecodeErrors.MALFORMED, auto.decode(new byte[0]));
        assertFailure(DecodeErrors.UNKNOWN_SCHEMA, auto.decode(TestTelemetry.confluent(4, record)));
    }

    private static Object roundTrip(Codec codec, byte[] value) {
        DecodedEvent event = codec.decode(value).value();
        EventFields fields = event.fields();
        if (fields instanceof AvroFields avro) {
            return avro.record();
        }
        // JSON: compare through the Avro view of the same values
        GenericRecord rebuilt = TestTelemetry.sample(TestTelemetry.schema("Vehicle"), 2);
        assertEquals(new AvroFields(rebuilt).get(FieldPath.parse("location.lat")),
                fields.get(FieldPath.parse("location.lat")));
        assertEquals(new AvroFields(rebuilt).get(FieldPath.parse("diagnostics.dtcCodes")),
                fields.get(FieldPath.parse("diagnostics.dtcCodes")));
        return rebuilt;
    }
}
