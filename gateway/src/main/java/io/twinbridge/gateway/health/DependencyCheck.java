package io.twinbridge.gateway.health;

import io.vertx.core.Future;

/** One dependency that {@code /ready} waits for. A succeeded future means it answers; a failed one says why not. */
public interface DependencyCheck {
    String name();

    /** Must not block: it is called on the event loop. */
    Future<Void> check();
}
