package io.twinbridge.gateway.ditto;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.ditto.client.configuration.AuthenticationConfiguration;
import org.eclipse.ditto.client.messaging.AuthenticationProvider;

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
    private volatile Consumer<String> textListener = text -> { };
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
