package io.twinbridge.gateway.codec;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.twinbridge.gateway.result.Result;

/**
 * Picks the codec per record from its first bytes: {@code C3 01} is Avro single-object, {@code 00} is the Confluent
 * wire format, and {@code {} (after optional whitespace or a UTF-8 byte order mark) is JSON. The three prefixes
 * cannot collide: a JSON text cannot start with {@code 00} or {@code C3}.
 */
public final class SniffingCodec implements Codec {
    public static final String NAME = "auto";

    private final Codec singleObject;
    private final Optional<Codec> confluent;
    private final Codec json;

    /** @param confluent empty when no schema registry is configured; such records then fail as unknown-schema */
    public SniffingCodec(Codec singleObject, Optional<Codec> confluent, Codec json) {
        this.singleObject = singleObject;
        this.confluent = confluent;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result<DecodedEvent> decode(byte[] value) {
        return pick(value).map(codec -> codec.decode(value)).orElseGet(() -> unrecognised(value));
    }

    @Override
    public CompletionStage<Result<DecodedEvent>> decodeAsync(byte[] value) {
        return pick(value).map(codec -> codec.decodeAsync(value))
                .orElseGet(() -> CompletableFuture.completedFuture(unrecognised(value)));
    }

    private Optional<Codec> pick(byte[] value) {
        if (value.length >= 2 && value[0] == SingleObjectAvroCodec.MAGIC_0 && value[1] == SingleObjectAvroCodec.MAGIC_1) {
            return Optional.of(singleObject);
        }
        if (value.length >= 1 && value[0] == ConfluentAvroCodec.MAGIC) {
            return confluent;
        }
        return startsLikeJson(value) ? Optional.of(json) : Optional.empty();
    }

    private Result<DecodedEvent> unrecognised(byte[] value) {
        if (value.length >= 1 && value[0] == ConfluentAvroCodec.MAGIC) {
            return DecodeErrors.unknownSchema("Confluent wire format record, but no schema registry is configured");
        }
        return DecodeErrors.malformed("unrecognised encoding: neither C3 01 (Avro single-object), 00 (Confluent) nor "
                + "a JSON object");
    }

    private static boolean startsLikeJson(byte[] value) {
        int i = 0;
        if (value.length >= 3 && (value[0] & 0xff) == 0xEF && (value[1] & 0xff) == 0xBB && (value[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < value.length && (value[i] == ' ' || value[i] == '\t' || value[i] == '\r' || value[i] == '\n')) {
            i++;
        }
        return i < value.length && value[i] == '{';
    }
}
