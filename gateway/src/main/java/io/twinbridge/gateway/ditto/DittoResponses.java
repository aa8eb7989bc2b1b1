package io.twinbridge.gateway.ditto;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;

/** Turns Ditto protocol answers and transport failures into values or {@link DittoPortException}s. */
final class DittoResponses {
    private DittoResponses() {
    }

    static int status(Adaptable response) {
        return response.getPayload().getHttpStatus().map(HttpStatus::getCode).orElse(200);
    }

    static boolean isSuccess(Adaptable response) {
        int status = status(response);
        return status >= 200 && status < 300;
    }

    /** The error Ditto sent, e.g. 412 {@code things:condition.failed} with its message. */
    static DittoPortException error(Adaptable response) {
        int status = status(response);
        Optional<JsonObject> body = response.getPayload().getValue().filter(JsonValue::isObject)
                .map(JsonValue::asObject);
        String code = body.flatMap(b -> b.getValue("error")).filter(JsonValue::isString).map(JsonValue::asString)
                .orElse(DittoPortException.CODE_UNEXPECTED_RESPONSE);
        String message = body.flatMap(b -> b.getValue("message")).filter(JsonValue::isString)
                .map(JsonValue::asString)
                .orElse("Ditto answered " + status + " on " + response.getTopicPath().getPath());
        return new DittoPortException(status, code, message);
    }

    static JsonValue valueOrFail(Adaptable response) {
        return response.getPayload().getValue().orElseThrow(() -> new DittoPortException(status(response),
                DittoPortException.CODE_UNEXPECTED_RESPONSE, "answer without a value on "
                + response.getTopicPath().getPath()));
    }

    /** Maps a transport-level failure: a timeout is retriable as Ditto's 408 is, anything else means unreachable. */
    static DittoPortException transportFailure(Throwable failure, String what) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof DittoPortException portException) {
            return portException;
        }
        if (cause instanceof TimeoutException) {
            return new DittoPortException(408, DittoPortException.CODE_TIMEOUT, "no answer from Ditto for " + what
                    + " in time", cause);
        }
        return new DittoPortException(DittoPortException.UNAVAILABLE, DittoPortException.CODE_UNAVAILABLE,
                what + " failed: " + cause, cause);
    }
}
