package io.twinbridge.sandbox.ditto.acks;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.base.model.acks.AcknowledgementLabel;
import org.eclipse.ditto.base.model.exceptions.DittoHeaderInvalidException;
import org.eclipse.ditto.base.model.signals.commands.exceptions.GatewayDuplicateHeaderException;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonParseException;
import org.eclipse.ditto.json.JsonValue;

import io.vertx.core.http.HttpServerRequest;

/**
 * The labels a WebSocket declares on its upgrade, read as Ditto 3.9.6 reads the header or query parameter
 * {@code declared-acks} (basic-acknowledgements.md: {@code GET /ws/2?declared-acks=a:b,c:d}):
 * <ul>
 *     <li>{@code ReadJsonArrayHeadersFilter} (the header translator, for headers and {@code query-params-as-headers}
 *     alike): a JSON array, or else a comma-separated list (empty items dropped, each item trimmed);</li>
 *     <li>{@code JsonArrayValueValidator}: an array with a non-string item is 400 {@code header.invalid};</li>
 *     <li>{@code RootRouteHeadersStepBuilder.avoidConflictingHeaders}: header and query parameter with different
 *     values are 400 {@code gateway:duplicate.header.field};</li>
 *     <li>{@code WebSocketRoute.readDeclaredAcknowledgementLabels}: each label through {@code AcknowledgementLabel.of}
 *     (400 {@code acknowledgement:label.invalid}).</li>
 * </ul>
 */
public final class DeclaredAcks {

    public static final String NAME = "declared-acks";

    private DeclaredAcks() {
    }

    /** @throws org.eclipse.ditto.base.model.exceptions.DittoRuntimeException for a malformed list or label */
    public static Set<String> of(final HttpServerRequest request) {
        final Optional<String> header = Optional.ofNullable(request.getHeader(NAME)).map(DeclaredAcks::asJsonArray);
        final Optional<String> query = Optional.ofNullable(request.getParam(NAME)).map(DeclaredAcks::asJsonArray);
        if (header.isPresent() && query.isPresent() && !header.equals(query)) {
            throw GatewayDuplicateHeaderException.newBuilder()
                    .message("<" + NAME + "> was provided as header as well as query parameter with divergent "
                            + "values!")
                    .build();
        }
        final Optional<String> raw = header.or(() -> query);
        if (raw.isEmpty()) {
            return Set.of();
        }
        final Set<String> labels = new LinkedHashSet<>();
        for (final JsonValue value : JsonFactory.newArray(raw.get())) {
            if (!value.isString()) {
                throw DittoHeaderInvalidException.newBuilder().withInvalidHeaderKey(NAME)
                        .message("JSON array for <" + NAME + "> contained non-string values!").build();
            }
            // AcknowledgementLabel.of rejects what Ditto rejects, with Ditto's acknowledgement:label.invalid
            labels.add(AcknowledgementLabel.of(value.asString()).toString());
        }
        return Set.copyOf(labels);
    }

    /** {@code ReadJsonArrayHeadersFilter.getJsonArray}: the header's JSON array, or its comma-separated items. */
    private static String asJsonArray(final String value) {
        if (value.isEmpty()) {
            return JsonArray.empty().toString();
        }
        try {
            return JsonArray.of(value).toString();
        } catch (final JsonParseException notAnArray) {
            return Arrays.stream(value.split(",")).filter(item -> !item.isEmpty()).map(String::trim)
                    .map(JsonValue::of).collect(org.eclipse.ditto.json.JsonCollectors.valuesToArray()).toString();
        }
    }
}
