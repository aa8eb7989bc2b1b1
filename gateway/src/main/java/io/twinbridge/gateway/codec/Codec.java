package io.twinbridge.gateway.codec;

import io.twinbridge.gateway.result.Result;

/**
 * Turns the value bytes of one Kafka record into a {@link DecodedEvent}. Implementations never throw for bad input:
 * any undecodable payload yields a {@link io.twinbridge.gateway.result.Stage#DECODE} failure.
 */
public interface Codec {

    /** Short name used in config and docs: {@code avro-single-object}, {@code confluent-avro}, {@code json}. */
    String name();

    Result<DecodedEvent> decode(byte[] value);
}
