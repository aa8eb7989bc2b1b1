package io.twinbridge.sandbox.ditto.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.base.model.signals.commands.exceptions.GatewayAuthenticationFailedException;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonRuntimeException;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinbridge.sandbox.ditto.auth.Authenticator;
import io.twinbridge.sandbox.ditto.events.EventFilter;
import io.twinbridge.sandbox.ditto.events.EventHub;
import io.twinbridge.sandbox.ditto.twin.EntityRequest;
import io.twinbridge.sandbox.ditto.twin.EntityResponse;
import io.twinbridge.sandbox.ditto.twin.PolicyService;
import io.twinbridge.sandbox.ditto.twin.ThingService;
import io.twinbridge.sandbox.ditto.twin.TwinAction;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The subset of Ditto's HTTP API v2 needed to look at and edit twins: things and their parts, policies, SSE.
 */
public final class HttpApi {

    private static final String SUBJECT = "subject";
    private static final String JSON = "application/json";

    private final Authenticator authenticator;
    private final ThingService things;
    private final PolicyService policies;
    private final EventHub hub;
    private final SearchLag searchLag;

    public HttpApi(final Authenticator authenticator, final ThingService things, final PolicyService policies,
            final EventHub hub, final SearchLag searchLag) {
        this.authenticator = authenticator;
        this.things = things;
        this.policies = policies;
        this.hub = hub;
        this.searchLag = searchLag;
    }

    /** Adds the {@code /api/2} routes to the router. */
    public void mount(final Vertx vertx, final Router router) {
        router.route("/api/2/*").handler(this::authenticate);
        router.route("/api/2/*").handler(BodyHandler.create().setBodyLimit(1024 * 1024));
        router.get("/api/2/search/things").handler(this::search);
        router.get("/api/2/things").handler(this::listOrStream);
        router.routeWithRegex("/api/2/things/([^/]+)(/.*)?").handler(ctx -> entity(ctx, things::handle));
        router.routeWithRegex("/api/2/policies/([^/]+)(/.*)?").handler(ctx -> entity(ctx, policies::handle));
    }

    private void authenticate(final RoutingContext ctx) {
        final Optional<AuthorizationContext> subject = authenticator.authenticate(ctx.request().headers());
        if (subject.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", Authenticator.REALM_CHALLENGE);
            sendError(ctx, GatewayAuthenticationFailedException.newBuilder("Missing or wrong credentials.")
                    .dittoHeaders(headersOf(ctx)).build());
            return;
        }
        ctx.put(SUBJECT, subject.get());
        ctx.next();
    }

    private void search(final RoutingContext ctx) {
        try {
            new SearchRoute(things, searchLag).handle(ctx, ctx.get(SUBJECT));
        } catch (final DittoRuntimeException error) {
            sendError(ctx, error);
        }
    }

    private void listOrStream(final RoutingContext ctx) {
        final AuthorizationContext subject = ctx.get(SUBJECT);
        final Optional<String> ids = Optional.ofNullable(ctx.request().getParam("ids"));
        final String accept = Optional.ofNullable(ctx.request().getHeader("Accept")).orElse("");
        try {
            if (accept.contains("text/event-stream")) {
                stream(ctx, subject, ids);
                return;
            }
            final Optional<JsonFieldSelector> fields = fields(ctx);
            final List<org.eclipse.ditto.json.JsonObject> found = ids
                    .map(list -> things.retrieveMany(Arrays.stream(list.split(",")).map(String::trim)
                            .filter(s -> !s.isEmpty()).map(ThingId::of).toList(), fields, subject))
                    .orElseGet(() -> things.retrieveAll(fields, subject));
            final JsonArray array = found.stream().map(JsonValue.class::cast)
                    .collect(JsonFactory::newArrayBuilder, (b, v) -> b.add(v), (a, b) -> a.addAll(b.build()))
                    .build();
            ctx.response().putHeader("Content-Type", JSON).setStatusCode(200).end(array.toString());
        } catch (final DittoRuntimeException error) {
            sendError(ctx, error);
        }
    }

    private void stream(final RoutingContext ctx, final AuthorizationContext subject, final Optional<String> ids) {
        final EventFilter filter = EventFilter.of(Optional.ofNullable(ctx.request().getParam("namespaces")),
                Optional.ofNullable(ctx.request().getParam("filter")));
        final Set<String> wanted = ids.map(list -> Arrays.stream(list.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
        final HttpServerResponse response = ctx.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
        final SseStream sse = new SseStream(response, subject, filter, wanted);
        response.closeHandler(v -> hub.unsubscribe(sse));
        hub.subscribe(sse);
        // An initial comment flushes the headers, so clients see the stream is open before the first event.
        response.write(":\n\n");
    }

    private void entity(final RoutingContext ctx, final Function<EntityRequest, EntityResponse> service) {
        final DittoHeaders headers = headersOf(ctx);
        try {
            final TwinAction action = actionOf(ctx.request().method(), headers);
            final String rest = Optional.ofNullable(ctx.pathParam("param1")).orElse("");
            final JsonPointer path = rest.isEmpty() || "/".equals(rest) ? JsonPointer.empty() : JsonPointer.of(rest);
            final Optional<JsonValue> value = bodyOf(ctx, action);
            final EntityRequest request = new EntityRequest(action, ctx.pathParam("param0"), path, value,
                    fields(ctx), headers, ctx.get(SUBJECT), Optional.empty());
            final EntityResponse response = service.apply(request);
            final HttpServerResponse http = ctx.response().setStatusCode(response.status().getCode());
            headers.getCorrelationId().ifPresent(id -> http.putHeader("correlation-id", id));
            if (response.value().isPresent()) {
                if (response.status().getCode() == 201) {
                    http.putHeader("Location", ctx.request().path());
                }
                http.putHeader("Content-Type", JSON).end(response.value().get().toString());
            } else {
                http.end();
            }
        } catch (final DittoRuntimeException error) {
            sendError(ctx, error);
        } catch (final JsonRuntimeException malformed) {
            sendError(ctx, new DittoJsonException(malformed, headers));
        }
    }

    private static TwinAction actionOf(final HttpMethod method, final DittoHeaders headers) {
        if (HttpMethod.GET.equals(method)) {
            return TwinAction.RETRIEVE;
        } else if (HttpMethod.PUT.equals(method)) {
            return TwinAction.MODIFY;
        } else if (HttpMethod.PATCH.equals(method)) {
            return TwinAction.MERGE;
        } else if (HttpMethod.DELETE.equals(method)) {
            return TwinAction.DELETE;
        }
        throw org.eclipse.ditto.base.model.signals.commands.exceptions.GatewayMethodNotAllowedException
                .newBuilder(method.name()).dittoHeaders(headers).build();
    }

    private static Optional<JsonValue> bodyOf(final RoutingContext ctx, final TwinAction action) {
        if (action != TwinAction.MODIFY && action != TwinAction.MERGE) {
            return Optional.empty();
        }
        final String body = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
        return Optional.of(JsonFactory.readFrom(body));
    }

    private static Optional<JsonFieldSelector> fields(final RoutingContext ctx) {
        return Optional.ofNullable(ctx.request().getParam("fields")).filter(s -> !s.isBlank())
                .map(JsonFactory::parseJsonFieldSelector);
    }

    private static DittoHeaders headersOf(final RoutingContext ctx) {
        final DittoHeadersBuilder<?, ?> builder = DittoHeaders.newBuilder()
                .correlationId(Optional.ofNullable(ctx.request().getHeader("correlation-id"))
                        .or(() -> Optional.ofNullable(ctx.request().getHeader("x-correlation-id")))
                        .orElseGet(() -> UUID.randomUUID().toString()));
        Optional.ofNullable(ctx.request().getHeader("Content-Type")).ifPresent(builder::contentType);
        Optional.ofNullable(ctx.request().getHeader("condition"))
                .or(() -> Optional.ofNullable(ctx.request().getParam("condition")))
                .ifPresent(c -> builder.putHeader("condition", c));
        // Ditto's header that lets a creator make a policy it cannot change itself (PolicyCommandEnforcement)
        Optional.ofNullable(ctx.request().getHeader("allow-policy-lockout"))
                .ifPresent(a -> builder.putHeader("allow-policy-lockout", a));
        return builder.build();
    }

    private static void sendError(final RoutingContext ctx, final DittoRuntimeException error) {
        ctx.response().setStatusCode(error.getHttpStatus().getCode())
                .putHeader("Content-Type", JSON)
                .end(error.toJson().toString());
    }
}
