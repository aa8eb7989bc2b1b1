package io.twinbridge.gateway.ditto;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The top level of a Ditto Protocol message, read from its text without building it ({@link JsonMembers}): the
 * {@code correlation-id} header, the {@code status} and where the {@code value} lies.
 *
 * <p>Why: ditto-client turns every incoming message into an {@code Adaptable} before it looks for the waiting request,
 * and in a JFR profile of {@code bench ingest} that parse was 70 % of ditto-client's reading thread, most of it for
 * answers ingest reads only the status of (a merge's 204, a create's 201 with the whole new thing).
 *
 * <p>What {@link JsonMembers} does not read, and a status that is not an integer, give {@link Optional#empty()}: the
 * caller then parses the message with ditto-json as before. As ditto-json's parser does, the last of repeated keys
 * counts.
 */
final class ProtocolAnswerText {
    private final String text;
    private final Optional<String> correlationId;
    private final OptionalInt status;
    private final Optional<JsonMembers.Member> value;

    private ProtocolAnswerText(String text, Optional<String> correlationId, OptionalInt status,
                               Optional<JsonMembers.Member> value) {
        this.text = text;
        this.correlationId = correlationId;
        this.status = status;
        this.value = value;
    }

    /** The message's top level, or empty if the text is not a JSON object this class reads (see above). */
    static Optional<ProtocolAnswerText> read(String text) {
        Optional<List<JsonMembers.Member>> members = JsonMembers.of(text);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonMembers.Member> status = JsonMembers.last(members.get(), "status");
        OptionalInt code = OptionalInt.empty();
        if (status.isPresent()) {
            try {
                code = OptionalInt.of(Integer.parseInt(text, status.get().start(), status.get().end(), 10));
            } catch (NumberFormatException notAnInt) {
                return Optional.empty();
            }
        }
        Optional<String> correlationId = JsonMembers.last(members.get(), "headers")
                .filter(headers -> text.charAt(headers.start()) == '{')
                .flatMap(headers -> JsonMembers.of(text, headers.start(), headers.end()))
                .flatMap(headers -> JsonMembers.last(headers, "correlation-id"))
                .flatMap(id -> JsonMembers.string(text, id));
        return Optional.of(new ProtocolAnswerText(text, correlationId, code,
                JsonMembers.last(members.get(), "value")));
    }

    /** The {@code correlation-id} of the message's {@code headers}, if it has one as a string. */
    Optional<String> correlationId() {
        return correlationId;
    }

    /** The top-level {@code status}, if there is one. */
    OptionalInt status() {
        return status;
    }

    /** As {@code DittoResponses.isSuccess}: the status is 2xx, or absent (200). */
    boolean isSuccess() {
        int code = status.orElse(200);
        return code >= 200 && code < 300;
    }

    /** The {@code value}'s JSON text as it stands in the message, if there is a value. */
    Optional<String> valueText() {
        return value.map(member -> text.substring(member.start(), member.end()));
    }
}
