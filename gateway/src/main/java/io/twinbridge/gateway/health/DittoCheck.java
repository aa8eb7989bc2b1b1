package io.twinbridge.gateway.health;

import io.twinbridge.gateway.ditto.DittoPort;
import io.vertx.core.Future;

/** Ditto answers when the session's WebSocket is open; the client reconnects by itself after a loss. */
public final class DittoCheck implements DependencyCheck {
    private final DittoPort ditto;

    public DittoCheck(DittoPort ditto) {
        this.ditto = ditto;
    }

    @Override
    public String name() {
        return "ditto";
    }

    @Override
    public Future<Void> check() {
        return ditto.isConnected() ? Future.succeededFuture() : Future.failedFuture("WebSocket not connected");
    }
}
