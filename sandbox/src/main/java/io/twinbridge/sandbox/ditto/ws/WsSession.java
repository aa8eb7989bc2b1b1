package io.twinbridge.sandbox.ditto.ws;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.ditto.base.model.acks.AcknowledgementLabelNotDeclaredException;
import org.eclipse.ditto.base.model.acks.AcknowledgementLabelNotUniqueException;
import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.signals.acks.AcknowledgementCorrelationIdMissingException;
import org.eclipse.ditto.base.model.signals.commands.exceptions.GatewayInternalErrorException;
import org.eclipse.ditto.base.model.signals.commands.exceptions.PathUnknownException;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonRuntimeException;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinbridge.sandbox.ditto.SandboxFaults;
import io.twinbridge.sandbox.ditto.acks.AckRegistry;
import io.twinbridge.sandbox.ditto.acks.AckResult;
import io.twinbridge.sandbox.ditto.events.Enrichment;
import io.twinbridge.sandbox.ditto.events.EventFilter;
import io.twinbridge.sandbox.ditto.events.EventHub;
import io.twinbridge.sandbox.ditto.events.EventSubscriber;
import io.twinbridge.sandbox.ditto.twin.EntityRequest;
import io.twinbridge.sandbox.ditto.twin.EntityResponse;
import io.twinbridge.sandbox.ditto.twin.PolicyService;
import io.twinbridge.sandbox.ditto.twin.ThingChange;
import io.twinbridge.sandbox.ditto.twin.ThingService;
import io.twinbridge.sandbox.ditto.twin.TwinAction;
import io.vertx.core.http.ServerWebSocket;

/**
 * One authenticated {@code /ws/2} connection: Ditto Protocol commands in, responses, errors and twin events out.
 */
public final class WsSession extends EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);
    private static final String START_EVENTS = "START-SEND-EVENTS";
    private static final String STOP_EVENTS = "STOP-SEND-EVENTS";
    /** Accepted and acknowledged, but the sandbox never sends anything on these streams. */
    private static final List<String> OTHER_STREAMS = List.of("SEND-MESSAGES", "SEND-LIVE-COMMANDS",
            "SEND-LIVE-EVENTS", "SEND-POLICY-ANNOUNCEMENTS");

    private final ServerWebSocket socket;
    private final ThingService things;
    private final PolicyService policies;
    private final EventHub hub;
    private final AtomicReference<EventFilter> eventFilter = new AtomicReference<>(EventFilter.all());
    private final AckRegistry acks;
    /** The labels this session holds: those of its upgrade, or none if another session held one of them. */
    private volatile Set<String> declaredAcks;
    private final SandboxFaults faults;
    private final CommandLoops loops;
    /** The context the socket was upgraded on, which owns it; null when built outside Vert.x (tests). */
    private final io.vertx.core.Context socketContext = io.vertx.core.Vertx.currentContext();

    public WsSession(final ServerWebSocket socket, final AuthorizationContext subject, final ThingService things,
            final PolicyService policies, final EventHub hub) {
        this(socket, subject, things, policies, hub, new AckRegistry(), Set.of(), new SandboxFaults());
    }

    /** @param declaredAcks the labels of the {@code declared-acks} header or query parameter of the upgrade */
    public WsSession(final ServerWebSocket socket, final AuthorizationContext subject, final ThingService things,
            final PolicyService policies, final EventHub hub, final AckRegistry acks,
            final Set<String> declaredAcks) {
        this(socket, subject, things, policies, hub, acks, declaredAcks, new SandboxFaults());
    }

    /** @param faults e.g. answers delayed, see {@link SandboxFaults} */
    public WsSession(final ServerWebSocket socket, final AuthorizationContext subject, final ThingService things,
            final PolicyService policies, final EventHub hub, final AckRegistry acks,
            final Set<String> declaredAcks, final SandboxFaults faults) {
        this(socket, subject, things, policies, hub, acks, declaredAcks, faults, CommandLoops.inline());
    }

    /**
     * @param faults e.g. answers delayed, see {@link SandboxFaults}
     * @param loops where the session's commands run, by entity (see {@link CommandLoops})
     */
    public WsSession(final ServerWebSocket socket, final AuthorizationContext subject, final ThingService things,
            final PolicyService policies, final EventHub hub, final AckRegistry acks,
            final Set<String> declaredAcks, final SandboxFaults faults, final CommandLoops loops) {
        super(subject);
        this.faults = faults;
        this.loops = loops;
        this.socket = socket;
        this.things = things;
        this.policies = policies;
        this.hub = hub;
        this.acks = acks;
        this.declaredAcks = Set.copyOf(declaredAcks);
    }

    /** @param onClosed runs once the connection is closed, by either side */
    public void start(final Runnable onClosed) {
        socket.textMessageHandler(this::onText);
        socket.closeHandler(v -> {
            hub.unsubscribe(this);
            acks.release(sessionId());
            onClosed.run();
        });
        final Optional<String> taken = acks.declare(sessionId(), declaredAcks);
        if (taken.isPresent()) {
            // As Ditto 3.9's StreamingSessionActor.declareAcknowledgementLabels: a label belongs to one subscriber at
            // a time; the second one gets AcknowledgementLabelNotUniqueException as an error message, and its session
            // stays open without the labels (it never declares them, and Ditto never asks it to acknowledge).
            declaredAcks = Set.of();
            // published as ThingErrorResponse.of an error without entity: on unknown/unknown/things/twin/errors
            send(ProtocolMessages.refused(AcknowledgementLabelNotUniqueException.newBuilder()
                    .message("The acknowledgement label <" + taken.get() + "> is already declared by another "
                            + "session.").build()));
        }
        socket.exceptionHandler(e -> LOG.debug("WebSocket session {} failed", sessionId(), e));
    }

    @Override
    public Set<String> declaredAcks() {
        return declaredAcks;
    }

    @Override
    public boolean deliver(final ThingChange visible) {
        // WebSocketRoute.postprocess: enrich (retrieveExtraFields), filter on the enriched thing (matchesFilter)
        final EventFilter filter = eventFilter.get();
        final Optional<JsonObject> extra = filter.extraFields()
                .flatMap(fields -> Enrichment.extra(things, visible.thingId(), fields, subject()));
        if (!filter.accepts(visible, Enrichment.mergeThingWithExtra(visible.partialThing(), extra))) {
            return false;
        }
        final Set<String> toAcknowledge = AckRegistry.customLabels(visible.headers()).stream()
                .filter(declaredAcks::contains).collect(Collectors.toUnmodifiableSet());
        send(ProtocolMessages.event(visible, toAcknowledge, extra));
        return true;
    }

    private void onText(final String text) {
        final String trimmed = text.trim();
        if (trimmed.startsWith(START_EVENTS)) {
            startEvents(trimmed.substring(START_EVENTS.length()));
        } else if (trimmed.startsWith(STOP_EVENTS)) {
            hub.unsubscribe(this);
            send(STOP_EVENTS + ":ACK");
        } else if (isOtherStreamControl(trimmed)) {
            final int query = trimmed.indexOf('?');
            send((query < 0 ? trimmed : trimmed.substring(0, query)) + ":ACK");
        } else if (trimmed.startsWith("JWT-TOKEN")) {
            LOG.debug("ignoring JWT-TOKEN on a basic-auth session");
        } else {
            loops.execute(CommandLoops.entityKey(trimmed), () -> onProtocolMessage(trimmed));
        }
    }

    private static boolean isOtherStreamControl(final String text) {
        return (text.startsWith("START-") || text.startsWith("STOP-"))
                && OTHER_STREAMS.stream().anyMatch(s -> text.regionMatches(text.indexOf('-') + 1, s, 0, s.length()));
    }

    private void startEvents(final String rest) {
        try {
            eventFilter.set(rest.startsWith("?") ? EventFilter.parse(rest.substring(1)) : EventFilter.all());
            hub.subscribe(this);
            send(START_EVENTS + ":ACK");
        } catch (final DittoRuntimeException invalid) {
            // ProtocolMessageExtractor / StreamingSessionActor: published as ThingErrorResponse.of, no entity known
            send(ProtocolMessages.refused(invalid));
        }
    }

    /**
     * As Ditto 3.9.6's {@code WebSocketRoute.selectStreamControlOrSignal}: a message that is not JSON, not a protocol
     * message, or that Ditto's protocol adapter or header checks refuse ({@link WsCommandHeaders}) gets the error at
     * once, whatever {@code response-required} says; the connection stays open.
     */
    private void onProtocolMessage(final String text) {
        final Adaptable adaptable;
        final DittoHeaders headers;
        try {
            adaptable = DittoJsonException.wrapJsonRuntimeException(text, DittoHeaders.empty(),
                    (json, unused) -> parse(json));
            headers = WsCommandHeaders.of(adaptable);
        } catch (final DittoRuntimeException refused) {
            send(ProtocolMessages.refused(refused));
            return;
        }
        final TopicPath topic = adaptable.getTopicPath();
        try {
            dispatch(adaptable, topic, headers);
        } catch (final DittoRuntimeException error) {
            if (headers.isResponseRequired()) {
                answer(ProtocolMessages.error(topic.getNamespace(), topic.getEntityName(), topic.getGroup(), error,
                        headers));
            }
        } catch (final JsonRuntimeException malformed) {
            if (headers.isResponseRequired()) {
                send(ProtocolMessages.error(topic.getNamespace(), topic.getEntityName(), topic.getGroup(),
                        new DittoJsonException(malformed, headers), headers));
            }
        } catch (final RuntimeException bug) {
            // a sandbox defect must not look like a lost message to the client: answer as Ditto's gateway would
            LOG.warn("Internal error handling {}", text, bug);
            send(ProtocolMessages.error(topic.getNamespace(), topic.getEntityName(), topic.getGroup(),
                    GatewayInternalErrorException.newBuilder().message(String.valueOf(bug)).dittoHeaders(headers)
                            .build(), headers));
        }
    }

    /** {@code WebSocketRoute.getJsonifiableAdaptableOrThrow}: an empty message is invalid JSON too. */
    private static Adaptable parse(final String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Empty json.");
        }
        return AdaptableReader.read(JsonFactory.newObject(text));
    }

    private void dispatch(final Adaptable adaptable, final TopicPath topic, final DittoHeaders headers) {
        final Optional<TwinAction> action = topic.getAction().flatMap(a -> TwinAction.fromTopicName(a.getName()));
        final boolean command = topic.getCriterion() == TopicPath.Criterion.COMMANDS && action.isPresent();
        if (topic.getCriterion() == TopicPath.Criterion.ACKS) {
            acknowledgement(adaptable, topic, headers);
            return;
        }
        if (!command || topic.getGroup() == TopicPath.Group.THINGS && topic.getChannel() != TopicPath.Channel.TWIN) {
            throw PathUnknownException.newBuilder(JsonPointer.of("/" + topic.getPath()))
                    .description("The Ditto sandbox only supports twin and policy commands.")
                    .dittoHeaders(headers).build();
        }
        final JsonPointer path = adaptable.getPayload().getPath();
        if (topic.getGroup() == TopicPath.Group.THINGS && "_".equals(topic.getEntityName())) {
            retrieveMany(adaptable, topic, headers);
            return;
        }
        final EntityRequest request = new EntityRequest(action.get(),
                topic.getNamespace() + ":" + topic.getEntityName(), path, adaptable.getPayload().getValue(),
                adaptable.getPayload().getFields(), headers, subject(), Optional.of(sessionId()));
        final Set<String> custom = topic.getGroup() == TopicPath.Group.THINGS && action.get() != TwinAction.RETRIEVE
                ? AckRegistry.customLabels(headers) : Set.of();
        if (!custom.isEmpty()) {
            handleWithAcks(request, topic, path, headers, custom);
            return;
        }
        final EntityResponse response = topic.getGroup() == TopicPath.Group.POLICIES
                ? policies.handle(request) : things.handle(request);
        if (headers.isResponseRequired()) {
            answer(ProtocolMessages.response(topic, path, response.status(), response.value(), headers));
        }
    }

    /** Applies the command at once, but answers only when every requested custom label is acknowledged. */
    private void handleWithAcks(final EntityRequest request, final TopicPath topic, final JsonPointer path,
            final DittoHeaders headers, final Set<String> custom) {
        final String correlationId = headers.getCorrelationId().orElseThrow(() ->
                AcknowledgementCorrelationIdMissingException.newBuilder().dittoHeaders(headers).build());
        acks.applyAndAwait(correlationId, custom, headers, () -> things.handle(request)).thenAccept(acked -> {
            if (headers.isResponseRequired()) {
                answer(ProtocolMessages.acknowledgements(topic, acked.response().status(), acked.response().value(),
                        acked.twinPersistedRequested(), acked.custom(), headers));
            }
        });
    }

    /** An acknowledgement for an event: only for a label this session declared, as Ditto checks. */
    private void acknowledgement(final Adaptable adaptable, final TopicPath topic, final DittoHeaders headers) {
        final Optional<String> label = topic.getSubject();
        final Optional<String> correlationId = headers.getCorrelationId();
        if (label.isEmpty() || correlationId.isEmpty()) {
            LOG.debug("session {}: ignoring an acknowledgement without label or correlation id", sessionId());
            return;
        }
        if (!acks.isDeclaredBy(label.get(), sessionId())) {
            // StreamingSessionActor.ackLabelNotDeclared publishes the error whatever response-required says
            send(ProtocolMessages.error(topic.getNamespace(), topic.getEntityName(), topic.getGroup(),
                    AcknowledgementLabelNotDeclaredException.of(label.get(), headers), headers));
            return;
        }
        final int status = adaptable.getPayload().getHttpStatus().map(HttpStatus::getCode).orElse(200);
        acks.acknowledge(correlationId.get(), label.get(), AckResult.of(status, adaptable.getPayload().getValue()));
    }

    private void retrieveMany(final Adaptable adaptable, final TopicPath topic, final DittoHeaders headers) {
        final List<ThingId> ids = adaptable.getPayload().getValue().filter(JsonValue::isObject)
                .flatMap(v -> v.asObject().getValue("thingIds")).filter(JsonValue::isArray)
                .map(JsonValue::asArray).orElse(JsonArray.empty()).stream()
                .filter(JsonValue::isString).map(v -> ThingId.of(v.asString())).toList();
        final List<String> namespaces = ids.stream().map(ThingId::getNamespace).distinct().toList();
        final String namespace = namespaces.size() == 1 ? namespaces.get(0) : "_";
        final TopicPath responseTopic = ProtocolFactory.newTopicPath(namespace + "/_/things/twin/commands/retrieve");
        final JsonArray found = things.retrieveMany(ids, adaptable.getPayload().getFields(), subject()).stream()
                .collect(JsonArray::newBuilder, (b, t) -> b.add(t), (a, b) -> a.addAll(b.build())).build();
        if (headers.isResponseRequired()) {
            send(ProtocolMessages.response(responseTopic, JsonPointer.empty(), HttpStatus.OK, Optional.of(found),
                    headers));
        }
    }

    /** Sends the answer to a command, late if {@link SandboxFaults#delayAnswers} says so. */
    private void answer(final String text) {
        final long delayMs = faults.answerDelay().toMillis();
        final io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        if (delayMs <= 0 || context == null) {
            send(text);
        } else {
            context.owner().setTimer(delayMs, timer -> send(text));
        }
    }

    /**
     * Writes on the socket's own event loop: commands and events of other entities run on other loops
     * ({@link CommandLoops}), and Vert.x's WebSocket stopped sending at all (answers lost, connection left open) when
     * several threads wrote to it at once.
     */
    private void send(final String text) {
        if (socketContext == null || io.vertx.core.Vertx.currentContext() == socketContext) {
            socket.writeTextMessage(text).onFailure(e -> LOG.debug("could not send to session {}", sessionId(), e));
        } else {
            socketContext.runOnContext(v -> socket.writeTextMessage(text)
                    .onFailure(e -> LOG.debug("could not send to session {}", sessionId(), e)));
        }
    }

    public io.vertx.core.Future<Void> close() {
        hub.unsubscribe(this);
        acks.release(sessionId());
        return socket.close();
    }
}
