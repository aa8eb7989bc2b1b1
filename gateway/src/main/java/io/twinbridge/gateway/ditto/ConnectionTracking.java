package io.twinbridge.gateway.ditto;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.ditto.client.configuration.AuthenticationConfiguration;
import org.eclipse.ditto.client.messaging.AuthenticationProvider;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

import com.neovisionaries.ws.client.WebSocket;
import com.neovisionaries.ws.client.WebSocketAdapter;

/**
 * Knows whether the session's WebSocket is open, and passes every text frame, in order and on the socket's reading
 * thread, to a listener (twin events must keep Ditto's order, which ditto-client's thread pool does not). ditto-client reports disconnects but not its own successful
 * reconnects, and it prepares authentication on every new socket it opens, so wrapping the authentication
 * provider is the one place that sees every socket and can listen to it.
 */
final class ConnectionTracking implements AuthenticationProvider<WebSocket> {
    private final AuthenticationProvider<WebSocket> delegate;
    private final AtomicBoolean destroyed = new AtomicBoolean(false);
    private final AtomicBoolean everOpened = new AtomicBoolean(false);
    /** AcknowledgementLabelNotUniqueException's error code. */
    static final String LABEL_NOT_UNIQUE = "acknowledgement:label.not.unique";

    private volatile Consumer<String> textListener = text -> { };
    private volatile Consumer<String> labelRefusedListener = text -> { };
    private volatile Runnable reopenListener = () -> { };
    private volatile String subscription;
    private volatile WebSocket current;
    private volatile WebSocket latest;
    private volatile Instant lastFrame;

    ConnectionTracking(AuthenticationProvider<WebSocket> delegate) {
        this.delegate = delegate;
    }

    void onText(Consumer<String> listener) {
        this.textListener = listener;
    }

    /**
     * Runs with Ditto's error message when Ditto refuses the labels this socket declared because another session
     * holds them ({@code acknowledgement:label.not.unique}, sent by Ditto's StreamingSessionActor right after the
     * upgrade). ditto-client 2.4 does not hand that message to any handler of ours, so it is caught here.
     */
    void onLabelRefused(Consumer<String> listener) {
        this.labelRefusedListener = listener;
    }

    /** Whether a text frame is Ditto's error {@code acknowledgement:label.not.unique}. */
    static boolean isLabelNotUnique(String text) {
        try {
            JsonObject message = JsonObject.of(text);
            return message.getValue("topic").filter(JsonValue::isString)
                    .map(t -> t.asString().endsWith("/errors")).orElse(false)
                    && message.getValue(JsonPointer.of("/value/error")).filter(JsonValue::isString)
                    .map(code -> LABEL_NOT_UNIQUE.equals(code.asString())).orElse(false);
        } catch (RuntimeException notJson) {
            return false; // e.g. START-SEND-EVENTS:ACK; not Ditto's error
        }
    }

    /** Runs on every open after the first one: the socket was lost and is back. */
    void onReopened(Runnable listener) {
        this.reopenListener = listener;
    }

    /**
     * Sends {@code text} (e.g. {@code START-SEND-EVENTS?...}) now if a socket is open, and on every socket that
     * opens later. ditto-client's own re-subscription runs on another thread right after a reconnect and can find
     * its socket not set yet, in which case it discards the message; this one is written straight on the socket
     * that just opened.
     */
    void subscribe(String text) {
        subscription = text;
        WebSocket socket = current;
        if (socket != null && socket.isOpen()) {
            socket.sendText(text);
        }
    }

    /**
     * Asks the newest socket itself rather than a flag set by our listener: ditto-client completes its connect
     * future from its own {@code onConnected}, which runs before ours on the same thread, so a caller acting on that
     * future would otherwise see the session closed. The socket's state is OPEN before any listener runs.
     */
    boolean isOpen() {
        WebSocket socket = latest;
        return !destroyed.get() && socket != null && socket.isOpen();
    }

    /**
     * Closes the open socket from this side. ditto-client takes that for an unintended close and reconnects (when
     * reconnecting is enabled): a new WebSocket, whose upgrade declares the session's acknowledgement labels again.
     */
    void reopen() {
        WebSocket socket = current;
        if (!destroyed.get() && socket != null && socket.isOpen()) {
            socket.disconnect();
        }
    }

    /**
     * When the newest text frame arrived from Ditto: an answer, a late answer to a command that timed out meanwhile,
     * an event. Any of them shows Ditto processing; a hung Ditto sends none.
     */
    Optional<Instant> lastFrame() {
        return Optional.ofNullable(lastFrame);
    }

    @Override
    public AuthenticationConfiguration getConfiguration() {
        return delegate.getConfiguration();
    }

    @Override
    public void prepareAuthentication(WebSocket socket) {
        delegate.prepareAuthentication(socket);
        latest = socket;
        socket.addListener(new WebSocketAdapter() {
            @Override
            public void onConnected(WebSocket ws, Map<String, List<String>> headers) {
                current = ws;
                String text = subscription;
                if (text != null) {
                    ws.sendText(text);
                }
                if (!everOpened.compareAndSet(false, true)) {
                    reopenListener.run();
                }
            }

            @Override
            public void onTextMessage(WebSocket ws, String text) {
                lastFrame = Instant.now();
                if (text.contains(LABEL_NOT_UNIQUE) && isLabelNotUnique(text)) {
                    labelRefusedListener.accept(text);
                    return;
                }
                textListener.accept(text);
            }
        });
    }

    @Override
    public void destroy() {
        destroyed.set(true);
        delegate.destroy();
    }
}
