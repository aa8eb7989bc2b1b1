package io.twinbridge.gateway.codec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.twinbridge.gateway.result.Result;

/**
 * Turns the value bytes of one Kafka record into a {@link DecodedEvent}. Implementations never throw for bad input:
 * any undecodable payload yields a {@link io.twinbridge.gateway.result.Stage#DECODE} failure.
 *
 * <p>{@link #decode} may block only in the Confluent codec, and only on a schema-id cache miss (for at most the
 * registry timeouts). Callers on an event loop use {@link #decodeAsync}, which never blocks; its stage may complete
 * on another thread (e.g. the HTTP client's), so Vert.x callers wrap it with
 * {@code Future.fromCompletionStage(stage, context)} to continue on their context.
 */
public interface Codec {

    /** Short name used in config and docs: {@code avro-single-object}, {@code confluent-avro}, {@code json}. */
    String name();

    Result<DecodedEvent> decode(byte[] value);

    /** Like {@link #decode}, without blocking the caller; the stage never completes exceptionally. */
    default CompletionStage<Result<DecodedEvent>> decodeAsync(byte[] value) {
        return CompletableFuture.completedFuture(decode(value));
    }
}
