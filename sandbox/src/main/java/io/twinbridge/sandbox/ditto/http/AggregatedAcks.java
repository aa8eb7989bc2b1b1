package io.twinbridge.sandbox.ditto.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;

import io.twinbridge.sandbox.ditto.acks.AckResult;

/**
 * The HTTP answer to a command with custom requested acknowledgements, as Ditto 3.9's {@code AbstractHttpRequestActor}
 * sends {@code Acknowledgements}: one entry per label ({@code twin-persisted} carries the command's own response), the
 * status of the single acknowledgement, or 200 if all succeeded, else 424 (basic-acknowledgements.md). The body is
 * {@code Acknowledgements.getEntity}: a single acknowledgement's own payload, else one entry per label; without
 * response-required, a failure is minimised to the statuses ({@code mapAcknowledgementsForHttp}).
 *
 * @param status the HTTP status of the answer
 * @param body the JSON body, if any
 */
record AggregatedAcks(int status, Optional<JsonValue> body) {

    static AggregatedAcks of(final int commandStatus, final Optional<JsonValue> commandValue,
            final boolean twinPersistedRequested, final Map<String, AckResult> custom, final DittoHeaders headers) {
        final boolean minimised = !headers.isResponseRequired();
        final JsonObjectBuilder body = JsonObject.newBuilder();
        final List<Integer> statuses = new ArrayList<>();
        final List<Optional<JsonValue>> payloads = new ArrayList<>();
        final JsonObject ackHeaders = minimised ? JsonObject.empty() : headers.getCorrelationId()
                .map(id -> JsonObject.newBuilder().set("correlation-id", id).build()).orElse(JsonObject.empty());
        if (twinPersistedRequested) {
            final Optional<JsonValue> payload = minimised ? Optional.empty() : commandValue;
            body.set("twin-persisted", entry(commandStatus, payload, ackHeaders));
            statuses.add(commandStatus);
            payloads.add(payload);
        }
        custom.forEach((label, result) -> {
            final JsonObject entryHeaders = result.weak() && !minimised
                    ? ackHeaders.setValue("ditto-weak-ack", true) : ackHeaders;
            final Optional<JsonValue> payload = minimised ? Optional.empty() : result.payload();
            body.set(label, entry(result.status(), payload, entryHeaders));
            statuses.add(result.status());
            payloads.add(payload);
        });
        final int combined = statuses.size() == 1 ? statuses.get(0)
                : statuses.stream().allMatch(s -> s >= 200 && s < 300) ? 200 : 424;
        return new AggregatedAcks(combined, payloads.size() == 1 ? payloads.get(0)
                : Optional.of(body.build()));
    }

    private static JsonObject entry(final int status, final Optional<JsonValue> payload, final JsonObject headers) {
        final JsonObjectBuilder entry = JsonObject.newBuilder().set("status", status);
        payload.ifPresent(p -> entry.set("payload", p));
        return entry.set("headers", headers).build();
    }
}
