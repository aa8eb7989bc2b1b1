package io.twinbridge.sandbox.ditto.acks;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.base.model.acks.AcknowledgementLabel;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonValue;

import io.vertx.core.http.HttpServerRequest;

/**
 * The labels a WebSocket declares on its upgrade, as Ditto reads them: header or query parameter
 * {@code declared-acks}, a JSON array of strings (ditto-client sends the header).
 */
public final class DeclaredAcks {

    public static final String NAME = "declared-acks";

    private DeclaredAcks() {
    }

    /** @throws org.eclipse.ditto.base.model.exceptions.DittoRuntimeException for a malformed list or label */
    public static Set<String> of(final HttpServerRequest request) {
        final Optional<String> raw = Optional.ofNullable(request.getHeader(NAME))
                .or(() -> Optional.ofNullable(request.getParam(NAME)))
                .filter(s -> !s.isBlank());
        if (raw.isEmpty()) {
            return Set.of();
        }
        final JsonArray array = JsonFactory.newArray(raw.get());
        final Set<String> labels = new LinkedHashSet<>();
        for (final JsonValue value : array) {
            // AcknowledgementLabel.of rejects what Ditto rejects, with Ditto's acknowledgement:label.invalid
            labels.add(AcknowledgementLabel.of(value.isString() ? value.asString() : value.toString()).toString());
        }
        return Set.copyOf(labels);
    }
}
