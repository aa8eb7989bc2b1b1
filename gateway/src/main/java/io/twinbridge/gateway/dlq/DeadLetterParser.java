package io.twinbridge.gateway.dlq;

import io.twinbridge.gateway.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;

/** Reads the {@link DeadLetterHeaders} of a dead-letter record back into a {@link DeadLetter}; never throws. */
public final class DeadLetterParser {
    static final String DLQ_HEADER_PREFIX = "twinbridge.dlq.";

    private DeadLetterParser() {
    }

    public static ParsedDeadLetter parse(DlqCoordinates at, long timestampMillis, byte[] key, byte[] value,
            Iterable<Header> headers) {
        List<Header> original = new ArrayList<>();
        for (Header h : headers) {
            if (!h.key().startsWith(DLQ_HEADER_PREFIX)) {
                original.add(h);
            }
        }
        Optional<String> topic = last(headers, DeadLetterHeaders.TOPIC);
        Optional<String> partition = last(headers, DeadLetterHeaders.PARTITION);
        Optional<String> offset = last(headers, DeadLetterHeaders.OFFSET);
        if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
            return new ParsedDeadLetter.Invalid(at, "missing " + DeadLetterHeaders.TOPIC + ", "
                    + DeadLetterHeaders.PARTITION + " or " + DeadLetterHeaders.OFFSET + " header");
        }
        DlqCoordinates source;
        try {
            source = new DlqCoordinates(topic.get(), Integer.parseInt(partition.get()), Long.parseLong(offset.get()));
        } catch (IllegalArgumentException e) {
            return new ParsedDeadLetter.Invalid(at, "bad source coordinates: " + e.getMessage());
        }
        Instant time = last(headers, DeadLetterHeaders.TIME).flatMap(DeadLetterParser::instant)
                .orElse(Instant.ofEpochMilli(timestampMillis));
        return new ParsedDeadLetter.Valid(new DeadLetter(at, time, key, value, original, source,
                last(headers, DeadLetterHeaders.STAGE).orElse("unknown"),
                last(headers, DeadLetterHeaders.CODE).orElse("unknown"),
                last(headers, DeadLetterHeaders.MESSAGE).orElse("")));
    }

    private static Optional<String> last(Iterable<Header> headers, String name) {
        String found = null;
        for (Header h : headers) {
            if (h.key().equals(name) && h.value() != null) {
                found = new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return Optional.ofNullable(found);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
