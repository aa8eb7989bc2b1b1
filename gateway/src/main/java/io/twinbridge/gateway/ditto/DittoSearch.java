package io.twinbridge.gateway.ditto;

import io.twinbridge.gateway.config.DittoConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * Ditto's thing search over its HTTP API, with the session's basic-auth user. HTTP rather than the WebSocket's
 * {@code thing-search} streaming protocol: a cursor page is one stateless request, so a purge that failed half way
 * simply searches again, with no subscription to keep alive or cancel.
 */
final class DittoSearch {
    /** The whole thing plus revision and change time: what a resync record carries. */
    static final String STATE_FIELDS = "thingId,policyId,definition,attributes,features,_revision,_modified";

    private final DittoConfig config;
    private final String authorization;
    private final HttpClient http;

    /** Searches as {@code config}'s basic-auth user. */
    DittoSearch(DittoConfig config) {
        this(config, "Basic " + Base64.getEncoder().encodeToString((config.username() + ":" + config.password())
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** Searches with this {@code Authorization} header value, e.g. {@code Bearer <token>}. */
    DittoSearch(DittoConfig config, String authorization) {
        this.config = config;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    CompletionStage<ThingPage> things(String namespace, Optional<String> cursor, int size) {
        return query(List.of(namespace), Optional.empty(), "thingId", cursor, size, "search of namespace "
                + namespace).thenApply(body -> new ThingPage(items(body, "search of namespace " + namespace).stream()
                .map(item -> item.getValue("thingId")).flatMap(Optional::stream).filter(JsonValue::isString)
                .map(v -> ThingId.of(v.asString())).toList(), cursor(body)));
    }

    /**
     * Things with their state, {@code _revision} and {@code _modified}, as {@code fields} selects them in Ditto's
     * search ({@code SearchConfig}'s simple-field-mappings make {@code _revision} and {@code _modified} searchable);
     * sorted by thing id, Ditto's default.
     */
    CompletionStage<StatePage> states(List<String> namespaces, Optional<String> filter, Optional<String> cursor,
                                      int size) {
        String what = "search of namespaces " + String.join(",", namespaces);
        return query(namespaces, filter, STATE_FIELDS, cursor, size, what)
                .thenApply(body -> new StatePage(items(body, what), cursor(body)));
    }

    private CompletionStage<JsonObject> query(List<String> namespaces, Optional<String> filter, String fields,
                                              Optional<String> cursor, int size, String what) {
        if (size < 1 || size > 200) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("page size must be 1..200: " + size));
        }
        String option = "size(" + size + ")" + cursor.map(c -> ",cursor(" + c + ")").orElse("");
        String base = config.httpEndpoint().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/2/search/things?namespaces=" + encode(String.join(",", namespaces))
                + filter.map(f -> "&filter=" + encode(f)).orElse("") + "&fields=" + encode(fields) + "&option="
                + encode(option));
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(config.requestTimeout())
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (cause instanceof HttpTimeoutException) {
                            throw new DittoPortException(408, DittoPortException.CODE_TIMEOUT, "no answer from Ditto "
                                    + "for " + what + " in time", cause);
                        }
                        throw new DittoPortException(DittoPortException.UNAVAILABLE,
                                DittoPortException.CODE_UNAVAILABLE, what + " failed: " + cause, cause);
                    }
                    return body(response, what);
                });
    }

    private static JsonObject body(HttpResponse<String> response, String what) {
        JsonObject body;
        try {
            body = JsonFactory.newObject(response.body());
        } catch (RuntimeException e) {
            throw new DittoPortException(response.statusCode() == 200 ? 500 : response.statusCode(),
                    DittoPortException.CODE_UNEXPECTED_RESPONSE, "Ditto answered " + response.statusCode() + " on "
                    + what + " without JSON", e);
        }
        if (response.statusCode() != 200) {
            throw new DittoPortException(response.statusCode(), body.getValue("error").filter(JsonValue::isString)
                    .map(JsonValue::asString).orElse(DittoPortException.CODE_UNEXPECTED_RESPONSE),
                    body.getValue("message").filter(JsonValue::isString).map(JsonValue::asString)
                            .orElse("Ditto answered " + response.statusCode() + " on " + what));
        }
        return body;
    }

    private static List<JsonObject> items(JsonObject body, String what) {
        return body.getValue("items").filter(JsonValue::isArray).map(JsonValue::asArray)
                .orElseThrow(() -> new DittoPortException(500, DittoPortException.CODE_UNEXPECTED_RESPONSE,
                        "Ditto's answer to " + what + " has no items"))
                .stream().filter(JsonValue::isObject).map(JsonValue::asObject).toList();
    }

    private static Optional<String> cursor(JsonObject body) {
        return body.getValue("cursor").filter(JsonValue::isString).map(JsonValue::asString);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
