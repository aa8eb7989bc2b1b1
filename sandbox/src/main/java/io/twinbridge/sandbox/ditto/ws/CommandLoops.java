package io.twinbridge.sandbox.ditto.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;

/**
 * Spreads the commands of every WebSocket session over several event loops, by entity: all commands on one thing (or
 * policy) run on one loop, in the order they arrived, as Ditto's one persistence actor per entity runs them; commands
 * on different entities run in parallel. Without it, every session of the sandbox's one HTTP server shares one event
 * loop, and a single gateway session could never use more than one core.
 */
public final class CommandLoops {

    private final List<Context> loops;

    private CommandLoops(final List<Context> loops) {
        this.loops = List.copyOf(loops);
    }

    /** Runs every command on the caller's thread, in order: for sessions built without a Vert.x instance. */
    public static CommandLoops inline() {
        return new CommandLoops(List.of());
    }

    /** One event-loop context per deployed instance; blocks until they are deployed. */
    public static CommandLoops on(final Vertx vertx, final int count) {
        final List<Context> contexts = java.util.Collections.synchronizedList(new ArrayList<>());
        final Future<String> deployed = vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                contexts.add(context);
                return Future.succeededFuture();
            }
        }, new DeploymentOptions().setInstances(count));
        try {
            deployed.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deploying the command loops", e);
        } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not deploy the command loops", e);
        }
        return new CommandLoops(contexts);
    }

    /** Runs {@code command} on the loop of {@code entityKey}; per key, in call order. */
    public void execute(final String entityKey, final Runnable command) {
        if (loops.isEmpty()) {
            command.run();
            return;
        }
        loops.get(Math.floorMod(entityKey.hashCode(), loops.size())).runOnContext(v -> command.run());
    }

    /**
     * The {@code namespace/name} at the start of a Ditto Protocol message's topic, found without parsing the JSON;
     * empty when there is none, which puts such a message on one fixed loop.
     */
    public static String entityKey(final String protocolMessage) {
        final int topic = protocolMessage.indexOf("\"topic\"");
        if (topic < 0) {
            return "";
        }
        final int open = protocolMessage.indexOf('"', protocolMessage.indexOf(':', topic + 7) + 1);
        if (open < 0) {
            return "";
        }
        final int firstSlash = protocolMessage.indexOf('/', open + 1);
        final int secondSlash = firstSlash < 0 ? -1 : protocolMessage.indexOf('/', firstSlash + 1);
        final int close = protocolMessage.indexOf('"', open + 1);
        if (secondSlash < 0 || close < 0 || secondSlash > close) {
            return "";
        }
        return protocolMessage.substring(open + 1, secondSlash);
    }
}
