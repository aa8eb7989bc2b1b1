package io.twinbridge.sandbox.ditto.http;

import io.twinbridge.sandbox.ditto.acks.TimeoutRule;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.ditto.base.model.acks.AcknowledgementRequest;
import org.eclipse.ditto.base.model.acks.DittoAcknowledgementLabel;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.base.model.signals.commands.CommandHeaderInvalidException;
import org.eclipse.ditto.base.model.signals.commands.exceptions.GatewayTimeoutInvalidException;
import org.eclipse.ditto.json.JsonValue;

import io.twinbridge.sandbox.ditto.twin.ThingPreconditions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The Ditto headers of an HTTP request, read and checked as Ditto 3.9's gateway does: the headers it maps (and the
 * query parameters of {@code gateway.conf} {@code query-params-as-headers}), the {@code timeout} bounds
 * ({@code AbstractRoute.validateCommandTimeout}, {@code command.max-timeout = 1m}), the defaults of
 * {@code response-required} and {@code requested-acks} ({@code AbstractCommandAckRequestSetter}, applied to modifying
 * thing commands by {@code ThingModifyCommandAckRequestSetter}) and the combinations it refuses
 * ({@code AcknowledgementAggregatorActorStarter.isTimeoutHeaderInvalid}, {@code AbstractCommand.validateHeaders};
 * the table "Interaction between headers" of basic-acknowledgements.md).
 */
final class RequestHeaders {

    /** Ditto's {@code ditto.gateway.command.max-timeout}. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    private static final List<String> PLAIN = List.of("condition", "allow-policy-lockout", "if-match",
            "if-none-match", ThingPreconditions.IF_EQUAL);
    private static final List<String> FROM_QUERY_TOO = List.of("condition", "allow-policy-lockout", "timeout",
            "response-required", "requested-acks");

    private RequestHeaders() {
    }

    /** Only what identifies the request, for errors found before the headers are read (authentication). */
    static DittoHeaders minimal(final HttpServerRequest request) {
        return DittoHeaders.newBuilder().correlationId(correlationIdOf(request)).build();
    }

    /**
     * @param modifying whether the request is a modifying thing or policy command (PUT, PATCH, POST, DELETE)
     * @throws org.eclipse.ditto.base.model.exceptions.DittoRuntimeException Ditto's 400 for invalid headers
     */
    static DittoHeaders of(final HttpServerRequest request, final boolean modifying) {
        final DittoHeadersBuilder<?, ?> builder = DittoHeaders.newBuilder().correlationId(correlationIdOf(request));
        Optional.ofNullable(request.getHeader("Content-Type")).ifPresent(builder::contentType);
        for (final String name : PLAIN) {
            Optional.ofNullable(request.getHeader(name)).ifPresent(v -> builder.putHeader(name, v));
        }
        for (final String name : FROM_QUERY_TOO) {
            Optional.ofNullable(request.getHeader(name)).or(() -> Optional.ofNullable(request.getParam(name)))
                    .map(v -> "requested-acks".equals(name) ? asJsonArray(v) : v)
                    .ifPresent(v -> builder.putHeader(name, v));
        }
        // the builder validates each known header's value (DittoHeaderInvalidException 400 headers.invalid)
        final DittoHeaders given = builder.build();
        ThingPreconditions.ifEqualOf(given);
        final Optional<Duration> timeout = given.getTimeout();
        timeout.filter(t -> t.isNegative() || t.compareTo(MAX_TIMEOUT) > 0).ifPresent(t -> {
            throw GatewayTimeoutInvalidException.newBuilder(t, MAX_TIMEOUT).dittoHeaders(given).build();
        });
        if (!modifying) {
            if (!given.isResponseRequired()) {
                throw CommandHeaderInvalidException.newBuilder("response-required")
                        .message("Query commands must not have the header 'response-required' set to 'false'")
                        .description("Set the header 'response-required' to 'true' instead in order to receive a "
                                + "response to your query command.")
                        .dittoHeaders(given).build();
            }
            TimeoutRule.refuseZeroTimeout(given);
            return given;
        }
        final DittoHeaders withDefaults = withAckDefaults(given);
        TimeoutRule.refuseZeroTimeout(withDefaults);
        return withDefaults;
    }

    /**
     * {@code AbstractCommandAckRequestSetter.setDefaultDittoHeaders} as {@code ThingModifyCommandAckRequestSetter}
     * applies it (AbstractHttpRequestActor): {@code twin-persisted} only when no {@code requested-acks} are given;
     * explicit ones are kept as they are ({@code isBindResponseRequiredToAddingRemovingImplicitLabel} is false),
     * without {@code live-response}.
     */
    private static DittoHeaders withAckDefaults(final DittoHeaders headers) {
        final boolean timeoutZero = headers.getTimeout().filter(Duration::isZero).isPresent();
        final DittoHeadersBuilder<?, ?> builder = headers.toBuilder();
        if (!headers.containsKey("response-required")) {
            builder.responseRequired(!timeoutZero);
        }
        final boolean responseRequired = headers.containsKey("response-required")
                ? headers.isResponseRequired() : !timeoutZero;
        final AcknowledgementRequest persisted = AcknowledgementRequest.of(DittoAcknowledgementLabel.TWIN_PERSISTED);
        if (headers.containsKey("requested-acks")) {
            final Set<AcknowledgementRequest> requests = new LinkedHashSet<>(headers.getAcknowledgementRequests());
            requests.remove(AcknowledgementRequest.of(DittoAcknowledgementLabel.LIVE_RESPONSE));
            builder.acknowledgementRequests(requests);
        } else if (!timeoutZero && responseRequired) {
            builder.acknowledgementRequests(Set.of(persisted));
        } else {
            builder.acknowledgementRequests(Set.of());
        }
        return builder.build();
    }

    /**
     * Over HTTP, {@code requested-acks} is a comma-separated list (basic-acknowledgements.md, "HTTP"); the Ditto
     * headers hold it as a JSON array.
     */
    private static String asJsonArray(final String labels) {
        if (labels.trim().startsWith("[")) {
            return labels;
        }
        return Arrays.stream(labels.split(",")).map(String::trim).filter(l -> !l.isEmpty())
                .map(l -> JsonValue.of(l).toString()).collect(Collectors.joining(",", "[", "]"));
    }

    private static String correlationIdOf(final HttpServerRequest request) {
        return Optional.ofNullable(request.getHeader("correlation-id"))
                .or(() -> Optional.ofNullable(request.getParam("correlation-id")))
                .or(() -> Optional.ofNullable(request.getHeader("x-correlation-id")))
                .orElseGet(() -> UUID.randomUUID().toString());
    }
}
