package io.twinbridge.gateway.health;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.CompletionStage;

/**
 * One dependency that {@code /ready} waits for. A succeeded future means it answers; a failed one says why not. Every
 * check asks an asynchronous client (Kafka's admin client, the Ditto session) and hands the answer back on the
 * Vert.x context it was built for ({@link #onContext}), never waiting for it.
 */
public abstract class DependencyCheck {
    private final String name;
    private final Context context;

    /** @param name the dependency's key in {@code /ready} and in the log */
    protected DependencyCheck(String name, Context context) {
        this.name = name;
        this.context = context;
    }

    public final String name() {
        return name;
    }

    /** Must not block: it is called on the event loop. */
    public abstract Future<Void> check();

    /** The client's answer, completed on this check's context. */
    protected final <T> Future<T> onContext(CompletionStage<T> answer) {
        return Future.fromCompletionStage(answer, context);
    }
}
