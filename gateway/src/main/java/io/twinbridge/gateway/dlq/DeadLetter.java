package io.twinbridge.gateway.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;

/**
 * One record of a dead-letter topic, with the reason the gateway gave for it.
 *
 * @param at              where the dead letter itself sits
 * @param deadLetteredAt  {@code twinbridge.dlq.time}, or the record's timestamp when that header is missing or bad
 * @param key             the original key, unchanged (may be null)
 * @param value           the original value, unchanged (may be null)
 * @param originalHeaders the original record's headers, without the {@code twinbridge.dlq.*} ones
 * @param source          topic, partition and offset the record was first read from
 */
public record DeadLetter(DlqCoordinates at, Instant deadLetteredAt, byte[] key, byte[] value,
                         List<Header> originalHeaders, DlqCoordinates source, String stage, String code,
                         String message) {
    public DeadLetter {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(deadLetteredAt, "deadLetteredAt");
        originalHeaders = List.copyOf(originalHeaders);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The key as text when it is UTF-8 (device ids are), else {@code base64:...}; {@code (none)} without a key. */
    public String keyText() {
        if (key == null) {
            return "(none)";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(key);
        }
    }
}
