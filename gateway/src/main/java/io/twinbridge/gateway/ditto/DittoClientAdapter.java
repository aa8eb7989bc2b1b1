package io.twinbridge.gateway.ditto;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.ditto.base.model.acks.AcknowledgementLabel;
import org.eclipse.ditto.base.model.acks.AcknowledgementRequest;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.client.DisconnectedDittoClient;
import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.client.DittoClients;
import org.eclipse.ditto.client.configuration.BasicAuthenticationConfiguration;
import org.eclipse.ditto.client.configuration.MessagingConfiguration;
import org.eclipse.ditto.client.configuration.WebSocketMessagingConfiguration;
import org.eclipse.ditto.client.messaging.AuthenticationProvider;
import org.eclipse.ditto.client.messaging.AuthenticationProviders;
import org.eclipse.ditto.client.messaging.MessagingProvider;
import org.eclipse.ditto.client.messaging.MessagingProviders;
import org.eclipse.ditto.client.internal.bus.AdaptableBus;
import org.eclipse.ditto.client.internal.bus.Classification;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.signals.commands.modify.ModifyPolicy;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.HeaderTranslator;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.commands.ThingCommandSizeValidator;
import org.eclipse.ditto.things.model.signals.commands.modify.CreateThing;
import org.eclipse.ditto.things.model.signals.commands.modify.DeleteThing;
import org.eclipse.ditto.things.model.signals.commands.query.RetrieveThing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.neovisionaries.ws.client.WebSocket;

import io.twinbridge.gateway.config.DittoConfig;

/**
 * {@link DittoPort} over ditto-client 2.4.0's WebSocket with basic auth. Commands are sent as Ditto protocol
 * messages ({@code sendDittoProtocol}) so that every header Ditto understands, such as {@code condition} and
 * {@code requested-acks}, reaches it unchanged; the client's typed API cannot set all of them.
 */
public final class DittoClientAdapter implements DittoPort {
    private static final Logger LOG = LoggerFactory.getLogger(DittoClientAdapter.class);

    // An empty translator passes all headers through, as ditto-client does itself.
    private static final long LOG_EVERY_NTH_CONNECT_FAILURE = 30;

    private static final DittoProtocolAdapter PROTOCOL = DittoProtocolAdapter.of(HeaderTranslator.empty());
    private static final String START_EVENTS = "START-SEND-EVENTS";
    private static final JsonKey NAMESPACE_FIELD = JsonKey.of("_namespace");
    private static final JsonFieldSelector STATE_FIELDS = JsonFieldSelector.newInstance("thingId", "policyId",
            "definition", "attributes", "features", "_revision", "_modified");

    private final DittoConfig config;
    private final String sessionName;
    private final ConnectionTracking connection;
    private final AtomicReference<DisconnectedDittoClient> disconnectedClient = new AtomicReference<>();
    private final AtomicReference<DittoClient> client = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean(false);
    private final AtomicLong connectionFailures = new AtomicLong();
    private final Set<String> declaredAcks;
    private final AtomicReference<MessagingProvider> messaging = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Void>> subscribed = new AtomicReference<>();
    private final DittoSearch search;
    private final LabelRedeclaration labelTaken;

    public DittoClientAdapter(DittoConfig config, String sessionName) {
        this(config, sessionName, Set.of());
    }

    /**
     * @param declaredAcks acknowledgement labels this session declares (Ditto's {@code declared-acks}): it may then
     *                     acknowledge events that request them, see {@link #acknowledge}
     */
    public DittoClientAdapter(DittoConfig config, String sessionName, Set<String> declaredAcks) {
        this(config, sessionName, declaredAcks, new DittoSearch(config), AuthenticationProviders.basic(
                BasicAuthenticationConfiguration.newBuilder().username(config.username())
                        .password(config.password()).build()));
    }

    private DittoClientAdapter(DittoConfig config, String sessionName, Set<String> declaredAcks, DittoSearch search,
                               AuthenticationProvider<WebSocket> authentication) {
        this.config = config;
        this.sessionName = sessionName;
        this.declaredAcks = Set.copyOf(declaredAcks);
        this.search = search;
        this.connection = new ConnectionTracking(authentication);
        this.labelTaken = new LabelRedeclaration(sessionName, this.declaredAcks, connection::reopen, closed::get);
        connection.onLabelRefused(labelTaken::onLabelNotUnique);
    }

    /**
     * A session that authenticates with a bearer token (an OAuth access token Ditto accepts) instead of
     * {@code config}'s user and password; its searches send the same token.
     */
    public static DittoClientAdapter withBearerToken(DittoConfig config, String sessionName, String token) {
        return new DittoClientAdapter(config, sessionName, Set.of(), new DittoSearch(config, "Bearer " + token),
                new BearerAuthentication(token));
    }

    @Override
    public CompletionStage<Void> connect() {
        MessagingConfiguration messaging = WebSocketMessagingConfiguration.newBuilder()
                .endpoint(config.endpoint().toString())
                .jsonSchemaVersion(JsonSchemaVersion.V_2)
                .timeout(config.requestTimeout())
                .reconnectEnabled(true)
                .initialConnectRetryEnabled(true)
                .connectionErrorHandler(this::onConnectionError)
                .declaredAcknowledgements(declaredAcks.stream().map(AcknowledgementLabel::of).toList())
                .disconnectedListener(context -> LOG.warn("Ditto session '{}' lost its connection ({}); "
                        + "reconnecting", sessionName, context.getCause().map(Throwable::toString).orElse("closed")))
                .build();
        MessagingProvider provider = MessagingProviders.webSocket(messaging, connection,
                MessagingProviders.createDefaultExecutorService("ditto-" + sessionName),
                MessagingProviders.createScheduledExecutorService("ditto-" + sessionName + "-connect"));
        DisconnectedDittoClient disconnected = DittoClients.newInstance(provider);
        if (!disconnectedClient.compareAndSet(null, disconnected)) {
            disconnected.destroy();
            throw new IllegalStateException("Ditto session '" + sessionName + "' was already connected once");
        }
        provider.getAdaptableBus().addStringClassifier(new AnswerTextClassifier());
        this.messaging.set(provider);
        // The client keeps retrying after our timeout gave up waiting, so a late success still counts. The caller's
        // future hangs off the step that records the client, so that isConnected() is true once it completes
        // (dependents of one future run in no guaranteed order).
        CompletableFuture<DittoClient> connecting = disconnected.connect().toCompletableFuture()
                .thenApply(connected -> {
                    onConnected(connected);
                    return connected;
                });
        return settle(connecting.copy().orTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS),
                "connecting to " + config.endpoint(), connected -> null);
    }

    private void onConnectionError(Throwable error) {
        // The client retries about once a second; one line per retry would drown everything else in the log.
        long failures = connectionFailures.incrementAndGet();
        if (failures == 1 || failures % LOG_EVERY_NTH_CONNECT_FAILURE == 0) {
            LOG.warn("Ditto session '{}' cannot connect to {} (attempt {}): {}", sessionName, config.endpoint(),
                    failures, error.toString());
        }
    }

    private void onConnected(DittoClient connected) {
        client.set(connected);
        if (closed.get()) {
            destroyClient();
            return;
        }
        LOG.info("Ditto session '{}' connected to {}", sessionName, config.endpoint());
    }

    @Override
    public CompletionStage<Void> close() {
        closed.set(true);
        // destroy() joins the client's executors, so it runs on a thread of its own rather than the caller's.
        return CompletableFuture.runAsync(this::destroyClient);
    }

    private void destroyClient() {
        DittoClient connected = client.getAndSet(null);
        if (connected != null) {
            connected.destroy();
        } else {
            Optional.ofNullable(disconnectedClient.get()).ifPresent(DisconnectedDittoClient::destroy);
        }
    }

    @Override
    public boolean isConnected() {
        return client.get() != null && connection.isOpen();
    }

    @Override
    public Optional<Instant> lastAnswer() {
        return connection.lastFrame();
    }

    @Override
    public CompletionStage<Optional<JsonObject>> retrieveThing(ThingId thingId, DittoRequestOptions options) {
        return send("retrieve " + thingId, options, headers -> RetrieveThing.of(thingId, headers),
                DittoClientAdapter::thingOrEmpty);
    }

    @Override
    public CompletionStage<JsonObject> createThing(JsonObject thing, Optional<JsonObject> inlinePolicy,
                                                   DittoRequestOptions options) {
        Optional<JsonValue> idValue = thing.getValue("thingId");
        String what = "create " + idValue.map(JsonValue::formatAsString).orElse("thing");
        Function<Adaptable, JsonObject> onAnswer = response -> {
            successOrError(response);
            return response.getPayload().getValue().filter(JsonValue::isObject).map(JsonValue::asObject)
                    .orElse(thing);
        };
        Optional<String> id = idValue.filter(JsonValue::isString).map(JsonValue::asString);
        if (inlinePolicy.isPresent() || id.isEmpty() || thing.contains(NAMESPACE_FIELD)) {
            // rare (a policy inline, no id for Ditto to refuse, a namespace given): through the model, as ever
            return send(what, options, headers -> CreateThing.of(ThingsModelFactory.newThing(thing),
                    inlinePolicy.orElse(null), headers), onAnswer);
        }
        return sendReadingAnswerText(what, options, (correlationId, timeout) -> {
            // the size check CreateThing.of makes; ThingId.of refuses a bad id as ThingsModelFactory would
            ThingCommandSizeValidator.getInstance().ensureValidSize(thing::getUpperBoundForStringSize,
                    () -> thing.toString().length(), DittoHeaders::empty);
            return ThingCommandText.create(ThingId.of(id.get()), thing.toString(), correlationId, timeout,
                    options.condition(), options.requestedAcks());
        }, success -> success.valueText().filter(value -> value.startsWith("{"))
                .<JsonObject>map(PreRenderedJsonObject::of).orElse(thing), onAnswer);
    }

    @Override
    public CompletionStage<Void> mergeThing(ThingId thingId, JsonPointer path, JsonValue patch,
                                            DittoRequestOptions options) {
        return sendReadingAnswerText("merge " + thingId + path, options, (correlationId, timeout) -> {
            // the size check MergeThing.of makes (MergeThing.checkJsonSize); Ditto's own limit applies on its side
            ThingCommandSizeValidator.getInstance().ensureValidSize(patch::getUpperBoundForStringSize,
                    () -> patch.toString().length(), DittoHeaders::empty);
            return ThingCommandText.merge(thingId, path, patch.toString(), correlationId, timeout,
                    options.condition(), options.requestedAcks());
        }, success -> null, DittoClientAdapter::successOrError);
    }

    @Override
    public CompletionStage<Void> deleteThing(ThingId thingId, DittoRequestOptions options) {
        return send("delete " + thingId, options, headers -> DeleteThing.of(thingId, headers),
                DittoClientAdapter::successOrError);
    }

    @Override
    public CompletionStage<Void> putPolicy(PolicyId policyId, JsonObject policy, DittoRequestOptions options) {
        return send("put policy " + policyId, options, headers -> ModifyPolicy.of(policyId,
                        PoliciesModelFactory.newPolicy(policy.setValue("policyId", policyId.toString())), headers),
                DittoClientAdapter::successOrError);
    }

    @Override
    public CompletionStage<StatePage> searchStates(List<String> namespaces, Optional<String> filter,
                                                   Optional<String> cursor, int size) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new DittoPortException(DittoPortException.UNAVAILABLE,
                    DittoPortException.CODE_UNAVAILABLE, "Ditto session '" + sessionName + "' is closed"));
        }
        return search.states(namespaces, filter, cursor, size);
    }

    @Override
    public CompletionStage<ThingPage> searchThings(String namespace, Optional<String> cursor, int size) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new DittoPortException(DittoPortException.UNAVAILABLE,
                    DittoPortException.CODE_UNAVAILABLE, "Ditto session '" + sessionName + "' is closed"));
        }
        return search.things(namespace, cursor, size);
    }

    @Override
    public CompletionStage<Optional<JsonObject>> retrieveThingState(ThingId thingId) {
        return send("retrieve state of " + thingId, DittoRequestOptions.defaults(), headers -> RetrieveThing
                .getBuilder(thingId, headers).withSelectedFields(STATE_FIELDS).build(),
                DittoClientAdapter::thingOrEmpty);
    }

    /**
     * Reads events straight off the socket and sends the subscription on every socket that opens (see
     * {@link ConnectionTracking#subscribe}).
     */
    @Override
    public CompletionStage<Void> subscribeTwinEvents(List<String> namespaces, TwinEventListener listener) {
        MessagingProvider provider = messaging.get();
        if (provider == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("connect() the session '" + sessionName
                    + "' before subscribing"));
        }
        CompletableFuture<Void> acked = new CompletableFuture<>();
        // A later call replaces the namespaces and the listener: Ditto's START-SEND-EVENTS on a session that already
        // streams events replaces its filter. A call still waiting for its ACK is told it was replaced.
        CompletableFuture<Void> replaced = subscribed.getAndSet(acked);
        if (replaced != null && !replaced.isDone()) {
            replaced.completeExceptionally(new IllegalStateException("session '" + sessionName
                    + "': subscription replaced before Ditto acknowledged it"));
        }
        connection.onText(text -> onText(text, listener));
        connection.onReopened(() -> {
            LOG.warn("Ditto session '{}' reconnected: events sent meanwhile are lost, resynchronising", sessionName);
            listener.onReconnected();
        });
        connection.subscribe(START_EVENTS + (namespaces.isEmpty() ? "" : "?namespaces="
                + String.join(",", namespaces)));
        return acked.copy().orTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onText(String text, TwinEventListener listener) {
        if (text.startsWith(START_EVENTS + ":ACK")) {
            subscribed.get().complete(null);
            return;
        }
        TwinEvents.parse(text).ifPresent(event -> {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                // the socket's reader thread must survive a listener defect; the event is reported, not hidden
                LOG.error("Ditto session '{}': listener failed on event {} rev {}", sessionName, event.thingId(),
                        event.revision(), e);
            }
        });
    }

    @Override
    public boolean acknowledge(TwinEvent event, String label, int status) {
        MessagingProvider provider = messaging.get();
        if (provider == null || !connection.isOpen() || !event.requestedAcks().contains(label)) {
            return false;
        }
        provider.emitAdaptable(TwinEvents.acknowledgement(event, label, status));
        return true;
    }

    /** The thing a retrieve answered with, empty on 404 (no such thing, or not visible to this user). */
    private static Optional<JsonObject> thingOrEmpty(Adaptable response) {
        if (DittoResponses.status(response) == 404) {
            return Optional.empty();
        }
        successOrError(response);
        return Optional.of(DittoResponses.valueOrFail(response).asObject());
    }

    private static Void successOrError(Adaptable response) {
        if (!DittoResponses.isSuccess(response)) {
            throw DittoResponses.error(response);
        }
        return null;
    }

    /** A command built with Ditto's model, rendered as ditto-client's {@code MessagingProvider.emitAdaptable} does. */
    private <T> CompletionStage<T> send(String what, DittoRequestOptions options,
                                        Function<DittoHeaders, Signal<?>> command, Function<Adaptable, T> onAnswer) {
        return sendRendered(what, options, (correlationId, timeout) -> ProtocolFactory.wrapAsJsonifiableAdaptable(
                PROTOCOL.toAdaptable(command.apply(headers(options, correlationId, timeout)))).toJsonString(),
                onAnswer);
    }

    /**
     * Sends a command rendered as Ditto Protocol text and waits for the answer with its correlation id, as
     * ditto-client's own {@code MessagingProvider.sendAdaptable} does (subscribe once on the adaptable bus, then emit).
     * Ingest's merges and creates are rendered without Ditto's model (see {@link ThingCommandText}).
     */
    private <T> CompletionStage<T> sendRendered(String what, DittoRequestOptions options,
                                                BiFunction<String, Duration, String> render,
                                                Function<Adaptable, T> onAnswer) {
        return sendAndAwait(what, options, render, (bus, correlationId, timeout) ->
                bus.subscribeOnceForAdaptable(Classification.forCorrelationId(correlationId), timeout), onAnswer);
    }

    /**
     * As {@link #sendRendered}, but the answer is taken as text ({@link AnswerTextClassifier}): a success (2xx) is
     * read from the text alone ({@link ProtocolAnswerText}) and goes to {@code onSuccess}; any other answer, or one
     * the text reader does not read, is parsed into an {@code Adaptable} as ditto-client parses it
     * ({@code DefaultAdaptableBus.parseAsAdaptable}) and goes to {@code onAnswer}, which gives the error as before.
     */
    private <T> CompletionStage<T> sendReadingAnswerText(String what, DittoRequestOptions options,
                                                         BiFunction<String, Duration, String> render,
                                                         Function<ProtocolAnswerText, T> onSuccess,
                                                         Function<Adaptable, T> onAnswer) {
        return sendAndAwait(what, options, render, (bus, correlationId, timeout) ->
                bus.subscribeOnceForString(AnswerTextClassifier.tag(correlationId), timeout), text -> {
                    Optional<ProtocolAnswerText> answer = ProtocolAnswerText.read(text);
                    if (answer.isPresent() && answer.get().isSuccess()) {
                        return onSuccess.apply(answer.get());
                    }
                    return onAnswer.apply(ProtocolFactory.jsonifiableAdaptableFromJson(JsonObject.of(text)));
                });
    }

    /** Subscribes for the answer to a correlation id on ditto-client's bus. */
    @FunctionalInterface
    private interface AnswerSubscription<A> {
        CompletionStage<A> subscribe(AdaptableBus bus, String correlationId, Duration timeout);
    }

    private <A, T> CompletionStage<T> sendAndAwait(String what, DittoRequestOptions options,
                                                   BiFunction<String, Duration, String> render,
                                                   AnswerSubscription<A> subscription, Function<A, T> onAnswer) {
        MessagingProvider provider = messaging.get();
        if (client.get() == null || provider == null || !connection.isOpen()) {
            return CompletableFuture.failedFuture(new DittoPortException(DittoPortException.UNAVAILABLE,
                    DittoPortException.CODE_UNAVAILABLE, "Ditto session '" + sessionName + "' is not connected; "
                    + what + " not sent"));
        }
        Duration timeout = options.timeout().orElse(config.requestTimeout());
        String correlationId = correlationId(options);
        String text;
        try {
            text = render.apply(correlationId, timeout);
        } catch (DittoRuntimeException e) {
            // the command could not even be built (bad id, too large): the caller's input, not Ditto's state
            return CompletableFuture.failedFuture(new DittoPortException(e.getHttpStatus().getCode(),
                    e.getErrorCode(), e.getMessage(), e));
        }
        return settle(guarded(what, () -> {
            CompletionStage<A> answer = subscription.subscribe(provider.getAdaptableBus(), correlationId, timeout);
            provider.emit(text);
            return answer;
        }).toCompletableFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS), what, onAnswer);
    }

    /** Completes with the mapped answer, or fails with a bare {@link DittoPortException}, never a wrapper. */
    private static <A, T> CompletionStage<T> settle(CompletionStage<A> stage, String what, Function<A, T> onAnswer) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((answer, failure) -> {
            if (failure != null) {
                result.completeExceptionally(DittoResponses.transportFailure(failure, what));
                return;
            }
            try {
                result.complete(onAnswer.apply(answer));
            } catch (DittoPortException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(new DittoPortException(500, DittoPortException.CODE_UNEXPECTED_RESPONSE,
                        "cannot read Ditto's answer to " + what + ": " + e, e));
            }
        });
        return result;
    }

    private static <A> CompletionStage<A> guarded(String what, Supplier<CompletionStage<A>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(DittoResponses.transportFailure(e, what));
        }
    }

    private static DittoHeaders headers(DittoRequestOptions options, String correlationId, Duration timeout) {
        DittoHeadersBuilder<?, ?> builder = DittoHeaders.newBuilder()
                .correlationId(correlationId)
                .responseRequired(true)
                .timeout(timeout);
        options.condition().ifPresent(builder::condition);
        if (!options.requestedAcks().isEmpty()) {
            builder.acknowledgementRequests(options.requestedAcks().stream()
                    .map(AcknowledgementRequest::parseAcknowledgementRequest).toList());
        }
        return builder.build();
    }

    /** One id per command sent, never reused: see {@link CommandCorrelationIds} for the late answer it keeps out. */
    private static String correlationId(DittoRequestOptions options) {
        return CommandCorrelationIds.forCommand(options.correlationId().orElseGet(() -> UUID.randomUUID().toString()));
    }

    @Override
    public String toString() {
        return "DittoClientAdapter[" + sessionName + " -> " + config.endpoint() + "]";
    }
}
