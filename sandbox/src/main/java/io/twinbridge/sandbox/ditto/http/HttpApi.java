package io.twinbridge.sandbox.ditto.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.signals.commands.exceptions.GatewayAuthenticationFailedException;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonParseOptions;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonRuntimeException;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingPreconditionNotModifiedException;

import io.twinbridge.sandbox.ditto.acks.AckRegistry;
import io.twinbridge.sandbox.ditto.auth.Authenticator;
import io.twinbridge.sandbox.ditto.events.Enrichment;
import io.twinbridge.sandbox.ditto.events.EventFilter;
import io.twinbridge.sandbox.ditto.events.ThingFieldSelection;
import io.twinbridge.sandbox.ditto.events.EventHub;
import io.twinbridge.sandbox.ditto.twin.EntityRequest;
import io.twinbridge.sandbox.ditto.twin.EntityResponse;
import io.twinbridge.sandbox.ditto.twin.PolicyService;
import io.twinbridge.sandbox.ditto.twin.ThingService;
import io.twinbridge.sandbox.ditto.twin.TwinAction;
import io.vertx.core.Context;
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
    /** Vert.x has URL-decoded the parameter already. */
    private static final JsonParseOptions FIELD_SELECTOR_SYNTAX = JsonFactory.newParseOptionsBuilder()
            .withoutUrlDecoding().build();

    private final Authenticator authenticator;
    private final ThingService things;
    private final PolicyService policies;
    private final EventHub hub;
    private final SearchLag searchLag;
    private final AckRegistry acks;

    public HttpApi(final Authenticator authenticator, final ThingService things, final PolicyService policies,
            final EventHub hub, final SearchLag searchLag) {
        this(authenticator, things, policies, hub, searchLag, new AckRegistry());
    }

    /** @param acks the registry of declared labels that custom acknowledgements of HTTP commands wait on */
    public HttpApi(final Authenticator authenticator, final ThingService things, final PolicyService policies,
            final EventHub hub, final SearchLag searchLag, final AckRegistry acks) {
        this.acks = acks;
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
        // Ditto's ThingSearchRoute: GET and POST (form body) on /search/things and /search/things/count
        router.get("/api/2/search/things").handler(this::search);
        router.post("/api/2/search/things").handler(this::search);
        router.get("/api/2/search/things/count").handler(this::count);
        router.post("/api/2/search/things/count").handler(this::count);
        router.get("/api/2/things").handler(this::listOrStream);
        router.post("/api/2/things").handler(this::post);
        router.routeWithRegex("/api/2/things/([^/]+)(/.*)?").handler(ctx -> entity(ctx, things::handle, true));
        router.routeWithRegex("/api/2/policies/([^/]+)(/.*)?").handler(ctx -> entity(ctx, policies::handle, false));
    }

    private void authenticate(final RoutingContext ctx) {
        final Optional<AuthorizationContext> subject = authenticator.authenticate(ctx.request().headers());
        if (subject.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", Authenticator.REALM_CHALLENGE);
            sendError(ctx, GatewayAuthenticationFailedException.newBuilder("Missing or wrong credentials.")
                    .dittoHeaders(RequestHeaders.minimal(ctx.request())).build());
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

    private void count(final RoutingContext ctx) {
        try {
            new SearchRoute(things, searchLag).count(ctx, ctx.get(SUBJECT));
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
        stream(ctx, subject, ids, JsonPointer.empty(), sseFields(ctx, "fields"));
    }

    /** {@code ThingsSseRouteBuilder.getFieldSelector}: {@code ThingFieldSelector.fromString}. */
    private static Optional<JsonFieldSelector> sseFields(final RoutingContext ctx, final String param) {
        return Optional.ofNullable(ctx.request().getParam(param)).filter(s -> !s.isBlank())
                .map(ThingFieldSelection::parse);
    }

    /**
     * An SSE stream (ThingsSseRouteBuilder.createSseRoute): on {@code /things/{id}/<pointer>} the ids are that thing
     * and the fields are the pointer, whatever the request says.
     */
    private void stream(final RoutingContext ctx, final AuthorizationContext subject, final Optional<String> ids,
            final JsonPointer resource, final Optional<JsonFieldSelector> fields) {
        final EventFilter filter = EventFilter.forSse(Optional.ofNullable(ctx.request().getParam("namespaces")),
                Optional.ofNullable(ctx.request().getParam("filter")));
        final Set<String> wanted = ids.map(list -> Arrays.stream(list.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
        final Optional<JsonFieldSelector> extraFields = sseFields(ctx, "extraFields");
        final HttpServerResponse response = ctx.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
        final SseStream sse = new SseStream(response, subject, filter,
                new SseStream.Selection(wanted, resource, fields, extraFields),
                (thingId, selector) -> Enrichment.extra(things, thingId, selector, subject));
        response.closeHandler(v -> hub.unsubscribe(sse));
        hub.subscribe(sse);
        // An initial comment flushes the headers, so clients see the stream is open before the first event.
        response.write(":\n\n");
    }

    private static boolean wantsEventStream(final RoutingContext ctx) {
        return HttpMethod.GET.equals(ctx.request().method())
                && Optional.ofNullable(ctx.request().getHeader("Accept")).orElse("").contains("text/event-stream");
    }

    private void entity(final RoutingContext ctx, final Function<EntityRequest, EntityResponse> service,
            final boolean thingsRoute) {
        DittoHeaders headers = RequestHeaders.minimal(ctx.request());
        try {
            final TwinAction action = actionOf(ctx.request().method(), headers);
            headers = RequestHeaders.of(ctx.request(), action != TwinAction.RETRIEVE);
            final JsonPointer path = HttpRules.pathOf(ctx.request().path(),
                    Optional.ofNullable(ctx.pathParam("param1")).orElse(""), headers);
            if (thingsRoute && wantsEventStream(ctx)) {
                stream(ctx, ctx.get(SUBJECT), Optional.of(ctx.pathParam("param0")), path, path.isEmpty()
                        ? sseFields(ctx, "fields") : Optional.of(JsonFactory.newFieldSelector(path.toString(),
                        FIELD_SELECTOR_SYNTAX)));
                return;
            }
            HttpRules.checkContentType(action, ctx.request().getHeader("Content-Type"), headers);
            final String entityId = ctx.pathParam("param0");
            Optional<JsonValue> value = bodyOf(ctx, action);
            if (thingsRoute && path.isEmpty()) {
                value = HttpRules.checkThingIdInBody(action, entityId, value, headers);
            }
            final EntityRequest request = new EntityRequest(action, entityId, path, value, fields(ctx), headers,
                    ctx.get(SUBJECT), Optional.empty());
            answer(ctx, request, service, thingsRoute, ctx.request().absoluteURI());
        } catch (final DittoRuntimeException error) {
            sendError(ctx, error);
        } catch (final JsonRuntimeException malformed) {
            sendError(ctx, new DittoJsonException(malformed, headers));
        }
    }

    /** {@code POST /api/2/things[?namespace=ns]}: creates a thing with a generated id (Ditto 3.9 ThingsRoute). */
    private void post(final RoutingContext ctx) {
        DittoHeaders headers = RequestHeaders.minimal(ctx.request());
        try {
            headers = RequestHeaders.of(ctx.request(), true);
            HttpRules.checkContentType(TwinAction.CREATE, ctx.request().getHeader("Content-Type"), headers);
            final JsonValue body = bodyOf(ctx, TwinAction.CREATE).orElseThrow();
            final ThingId thingId = HttpRules.generatedThingId(body, ctx.request().getParam("namespace"), headers);
            final EntityRequest request = new EntityRequest(TwinAction.CREATE, thingId.toString(),
                    JsonPointer.empty(), Optional.of(body), Optional.empty(), headers, ctx.get(SUBJECT),
                    Optional.empty());
            // UriForLocationHeaderSupplier: for a POST, the request URI plus the new entity's id
            final String uri = ctx.request().absoluteURI().replaceFirst("[?#].*$", "").replaceFirst("/$", "");
            answer(ctx, request, things::handle, true, uri + "/" + thingId);
        } catch (final DittoRuntimeException error) {
            sendError(ctx, error);
        } catch (final JsonRuntimeException malformed) {
            sendError(ctx, new DittoJsonException(malformed, headers));
        }
    }

    /**
     * Applies the command and answers: at once, or, when it requests custom acknowledgements, once they are all in
     * or timed out (Ditto's acknowledgement aggregation, as over the WebSocket; basic-acknowledgements.md).
     */
    private void answer(final RoutingContext ctx, final EntityRequest request,
            final Function<EntityRequest, EntityResponse> service, final boolean thingsRoute, final String location) {
        final DittoHeaders headers = request.headers();
        final Set<String> custom = thingsRoute && request.action() != TwinAction.RETRIEVE
                ? AckRegistry.customLabels(headers) : Set.of();
        if (custom.isEmpty()) {
            respond(ctx, service.apply(request), headers, location);
            return;
        }
        final String correlationId = headers.getCorrelationId().orElseThrow();
        final Context context = ctx.vertx().getOrCreateContext();
        final CompletableFuture<AckRegistry.Acknowledged<EntityResponse>> acknowledged =
                acks.applyAndAwait(correlationId, custom, headers, () -> service.apply(request));
        acknowledged.thenAccept(acked -> context.runOnContext(v -> {
            final AggregatedAcks aggregated = AggregatedAcks.of(acked.response().status().getCode(),
                    acked.response().value(), acked.twinPersistedRequested(), acked.custom(), headers);
            final HttpServerResponse http = ctx.response();
            headers.getCorrelationId().ifPresent(id -> http.putHeader("correlation-id", id));
            if (!headers.isResponseRequired() && aggregated.status() < 300) {
                // AbstractHttpRequestActor: without response-required, successful acknowledgements give 202
                http.setStatusCode(202).end();
            } else if (aggregated.body().isPresent()) {
                http.setStatusCode(aggregated.status()).putHeader("Content-Type", JSON)
                        .end(aggregated.body().get().toString());
            } else {
                http.setStatusCode(aggregated.status()).end();
            }
        }));
    }

    private static void respond(final RoutingContext ctx, final EntityResponse response, final DittoHeaders headers,
            final String location) {
        final HttpServerResponse http = ctx.response();
        headers.getCorrelationId().ifPresent(id -> http.putHeader("correlation-id", id));
        if (!headers.isResponseRequired()) {
            // AbstractHttpRequestActor.completeWithResult: a successful command without response-required is 202
            http.setStatusCode(202).end();
            return;
        }
        http.setStatusCode(response.status().getCode());
        response.eTag().ifPresent(tag -> http.putHeader("ETag", tag.toString()));
        if (response.value().isPresent()) {
            if (response.status().getCode() == 201) {
                http.putHeader("Location", location.replaceFirst("[?#].*$", ""));
            }
            http.putHeader("Content-Type", JSON).end(response.value().get().toString());
        } else {
            http.end();
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
        if (action != TwinAction.MODIFY && action != TwinAction.MERGE && action != TwinAction.CREATE) {
            return Optional.empty();
        }
        final String body = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
        return Optional.of(JsonFactory.readFrom(body));
    }

    private static Optional<JsonFieldSelector> fields(final RoutingContext ctx) {
        return Optional.ofNullable(ctx.request().getParam("fields")).filter(s -> !s.isBlank())
                // ThingsRoute.calculateSelectedFields: Ditto's field selector syntax, with parentheses
                .map(f -> JsonFactory.newFieldSelector(f, FIELD_SELECTOR_SYNTAX));
    }

    private static void sendError(final RoutingContext ctx, final DittoRuntimeException error) {
        final HttpServerResponse http = ctx.response();
        // ConditionalHeadersValidator puts the current ETag into the headers of a 412 and a 304; the gateway sends it
        error.getDittoHeaders().getETag().ifPresent(tag -> http.putHeader("ETag", tag.toString()));
        error.getDittoHeaders().getCorrelationId().ifPresent(id -> http.putHeader("correlation-id", id));
        if (error instanceof ThingPreconditionNotModifiedException) {
            http.setStatusCode(304).end();
            return;
        }
        http.setStatusCode(error.getHttpStatus().getCode())
                .putHeader("Content-Type", JSON)
                .end(error.toJson().toString());
    }
}
