package io.twinbridge.sandbox.ditto.twin;

import java.util.Optional;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * A transport-neutral command on a thing or policy: what the WebSocket and the HTTP API both turn requests into.
 *
 * @param origin the session that sent it; events caused by it are not echoed back to that session
 */
public record EntityRequest(TwinAction action, String entityId, JsonPointer path, Optional<JsonValue> value,
        Optional<JsonFieldSelector> fields, DittoHeaders headers, AuthorizationContext subject,
        Optional<String> origin) {
}
