package io.twinbridge.gateway.ditto;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.ditto.client.configuration.AuthenticationConfiguration;
import org.eclipse.ditto.client.messaging.AuthenticationProvider;

import com.neovisionaries.ws.client.WebSocket;
import com.neovisionaries.ws.client.WebSocketAdapter;
import com.neovisionaries.ws.client.WebSocketFrame;

/**
 * Knows whether the session's WebSocket is open. ditto-client reports disconnects but not its own successful
 * reconnects, and it prepares authentication on every new socket it opens, so wrapping the authentication
 * provider is the one place that sees every socket and can listen to it.
 */
final class ConnectionTracking implements AuthenticationProvider<WebSocket> {
    private final AuthenticationProvider<WebSocket> delegate;
    private final AtomicBoolean open = new AtomicBoolean(false);

    ConnectionTracking(AuthenticationProvider<WebSocket> delegate) {
        this.delegate = delegate;
    }

    boolean isOpen() {
        return open.get();
    }

    @Override
    public AuthenticationConfiguration getConfiguration() {
        return delegate.getConfiguration();
    }

    @Override
    public void prepareAuthentication(WebSocket socket) {
        delegate.prepareAuthentication(socket);
        socket.addListener(new WebSocketAdapter() {
            @Override
            public void onConnected(WebSocket ws, Map<String, List<String>> headers) {
                open.set(true);
            }

            @Override
            public void onDisconnected(WebSocket ws, WebSocketFrame serverClose, WebSocketFrame clientClose,
                                       boolean closedByServer) {
                open.set(false);
            }
        });
    }

    @Override
    public void destroy() {
        open.set(false);
        delegate.destroy();
    }
}
