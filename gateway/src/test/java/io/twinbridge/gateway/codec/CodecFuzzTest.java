package io.twinbridge.gateway.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.twinbridge.gateway.codec.registry.RegistryConfig;
import io.twinbridge.gateway.result.Result;
import io.twinbridge.gateway.result.Stage;

/**
 * Random, mutated and truncated inputs never escape a codec as an exception: each yields a typed decode failure or a
 * valid event. Seeded, so a failure is reproducible from the printed input.
 */
class CodecFuzzTest {
    private static final Set<String> DECODE_CODES = Set.of(DecodeErrors.MALFORMED, DecodeErrors.UNKNOWN_SCHEMA,
            DecodeErrors.REGISTRY_UNAVAILABLE, DecodeErrors.SCHEMA_VIOLATION);
    private static final int RANDOM_CASES = 12_000;
    private static final int MUTATION_CASES = 12_000;

    private static TestSchemaRegistry registry;
    private static Codecs codecs;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = new TestSchemaRegistry();
        for (int i = 0; i < TestTelemetry.KINDS.size(); i++) {
            registry.register(i + 1, TestTelemetry.schema(TestTelemetry.KINDS.get(i)));
        }
        codecs = Codecs.create(TestTelemetry.all(), TestTelemetry.jsonSchemas(),
                Optional.of(RegistryConfig.of(registry.url())));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void singleObject() {
        fuzz(codecs.forKind(CodecKind.AVRO_SINGLE_OBJECT), 1L, record -> TestTelemetry.singleObject(record), 10);
    }

    @Test
    void confluent() {
        fuzz(codecs.forKind(CodecKind.CONFLUENT_AVRO), 2L,
                record -> TestTelemetry.confluent(TestTelemetry.KINDS.indexOf(kindOf(record)) + 1, record), 5);
    }

    @Test
    void json() {
        fuzz(codecs.forKind(CodecKind.JSON), 3L, TestTelemetry::json, 0);
    }

    @Test
    void auto() {
        Codec auto = codecs.forKind(CodecKind.AUTO);
        fuzz(auto, 4L, TestTelemetry::singleObject, 10);
        fuzz(auto, 5L, TestTelemetry::json, 0);
    }

    /**
     * Each run checks its own count, not a class-wide total in {@code @AfterAll}: a total fails whenever a single
     * method of this class runs alone ({@code -Dtest=CodecFuzzTest#json}).
     */
    private static void fuzz(Codec codec, long seed, Function<GenericRecord, byte[]> encode, int headerLength) {
        int[] cases = {0};
        Function<byte[], Result<DecodedEvent>> check = value -> {
            cases[0]++;
            return check(codec, value);
        };
        fuzzCases(check, seed, encode, headerLength);
        assertTrue(cases[0] >= RANDOM_CASES + MUTATION_CASES, "only " + cases[0] + " fuzz cases ran");
    }

    private static void fuzzCases(Function<byte[], Result<DecodedEvent>> check, long seed,
                                  Function<GenericRecord, byte[]> encode, int headerLength) {
        Random random = new Random(seed);
        List<byte[]> valid = new ArrayList<>();
        for (String kind : TestTelemetry.KINDS) {
            byte[] value = encode.apply(TestTelemetry.sample(TestTelemetry.schema(kind), random.nextInt(1000)));
            valid.add(value);
            assertTrue(check.apply(value).isOk(), "valid " + kind + " record must decode");
            for (int length = 0; length < value.length; length++) {
                Result<DecodedEvent> truncated = check.apply(Arrays.copyOf(value, length));
                assertFalse(truncated.isOk(), "prefix of " + length + " bytes decoded");
            }
        }
        for (int i = 0; i < RANDOM_CASES; i++) {
            byte[] value = new byte[random.nextInt(256)];
            random.nextBytes(value);
            check.apply(value);
        }
        for (int i = 0; i < MUTATION_CASES; i++) {
            byte[] value = valid.get(random.nextInt(valid.size())).clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = headerLength + random.nextInt(value.length - headerLength);
                value[at] = (byte) random.nextInt(256);
            }
            check.apply(random.nextInt(8) == 0 ? Arrays.copyOf(value, random.nextInt(value.length)) : value);
        }
    }

    private static Result<DecodedEvent> check(Codec codec, byte[] value) {
        Result<DecodedEvent> result;
        try {
            result = codec.decode(value);
        } catch (RuntimeException | Error e) {
            throw new AssertionError(codec.name() + " threw on " + HexFormat.of().formatHex(value), e);
        }
        if (!result.isOk()) {
            assertEquals(Stage.DECODE, result.failure().stage());
            if (!DECODE_CODES.contains(result.failure().code())) {
                fail("unexpected code " + result.failure());
            }
        }
        return result;
    }

    private static String kindOf(GenericRecord record) {
        return record.getSchema().getName().replace("Telemetry", "");
    }
}
