package io.twinbridge.gateway.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the HTTP server answers by itself is JSON, {@code {"status", "error", "message"}}, like the admin API's
 * own: the router's 404 and 405, the body handler's 413, a malformed request the decoder refuses (400, 414, 431),
 * and a failure no route handled. Input a handler cannot decode (a bad percent-encoding in a query parameter) is
 * the client's fault: 400, not 500.
 */
public final class JsonErrors {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);
    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(400, "http:bad-request"),
            Map.entry(401, "http:unauthorized"),
            Map.entry(403, "http:forbidden"),
            Map.entry(404, "http:not-found"),
            Map.entry(405, "http:method-not-allowed"),
            Map.entry(406, "http:not-acceptable"),
            Map.entry(413, "http:payload-too-large"),
            Map.entry(414, "http:uri-too-long"),
            Map.entry(415, "http:unsupported-media-type"),
            Map.entry(431, "http:header-fields-too-large"),
            Map.entry(500, "http:internal"),
            Map.entry(501, "http:not-implemented"),
            Map.entry(503, "http:unavailable"));

    private JsonErrors() {
    }

    /** Makes the router's own error answers JSON. */
    public static void install(Router router) {
        CODES.keySet().forEach(status -> router.errorHandler(status, ctx -> routerError(ctx, status)));
    }

    /** For {@code HttpServer.invalidRequestHandler}: what the HTTP decoder could not read at all. */
    public static void invalidRequest(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        int status = 400;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
        } else if (cause instanceof TooLongFrameException) {
            status = 413;
        }
        HttpServerResponse response = request.response();
        // the decoder lost track of the stream: the connection cannot carry another request
        response.putHeader("connection", "close");
        send(response, status, cause == null ? "the request cannot be read" : cause.getMessage());
    }

    /** Answers {@code status} with the JSON error body; {@code code} as in the admin API ({@code area:reason}). */
    public static void send(HttpServerResponse response, int status, String code, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (!response.headWritten()) {
            response.setStatusCode(status)
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .putHeader("cache-control", "no-store");
        }
        response.end(new JsonObject().put("status", status).put("error", code).put("message", message).encode());
    }

    private static void send(HttpServerResponse response, int status, String message) {
        send(response, status, CODES.getOrDefault(status, "http:error"), message);
    }

    private static void routerError(RoutingContext ctx, int status) {
        Throwable failure = ctx.failure();
        if (status == 500 && isBadInput(failure)) {
            send(ctx.response(), 400, "the request cannot be decoded: " + failure.getMessage());
            return;
        }
        if (status >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        }
        send(ctx.response(), status, message(ctx, status, failure));
    }

    /** Vert.x decodes query parameters and path segments lazily and throws {@link IllegalArgumentException}. */
    private static boolean isBadInput(Throwable failure) {
        return failure instanceof IllegalArgumentException;
    }

    private static String message(RoutingContext ctx, int status, Throwable failure) {
        return switch (status) {
            case 404 -> "no resource at " + ctx.request().path();
            case 405 -> "method " + ctx.request().method() + " not allowed here";
            case 413 -> "the request body is over the limit";
            default -> failure instanceof HttpException http && http.getPayload() != null ? http.getPayload()
                    : failure != null && failure.getMessage() != null ? failure.getMessage()
                    : "HTTP " + status;
        };
    }
}
