package io.twinbridge.gateway.ditto;

import static org.awaitility.Awaitility.await;

import io.twinbridge.gateway.config.DittoConfig;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 7: after a reconnect Ditto may still hold a session's acknowledgement label for its previous socket;
 * Ditto's StreamingSessionActor then answers {@code acknowledgement:label.not.unique} and keeps the new session open
 * without the label (the sandbox does the same). The session must declare the label again once it is free.
 */
@Tag("flow")
class AckLabelRedeclarationTest {
    private static final String LABEL = "egress:acme";
    private final List<DittoPort> sessions = new ArrayList<>();
    private DittoSandbox sandbox;

    @AfterEach
    void stop() {
        sessions.forEach(s -> s.close().toCompletableFuture().join());
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aSessionWhoseLabelWasTakenDeclaresItAgainOnceItIsFree() {
        sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
        DittoPort previous = session("previous", Set.of(LABEL));
        DittoPort egress = session("egress", Set.of(LABEL)); // refused: the label is still the previous one's
        egress.subscribeTwinEvents(List.of("acme"), new TwinEventListener() {
            @Override
            public void onEvent(TwinEvent event) {
                egress.acknowledge(event, LABEL, 200);
            }

            @Override
            public void onReconnected() {
                // the subscription is renewed by the adapter
            }
        }).toCompletableFuture().join();
        previous.close().toCompletableFuture().join();
        DittoPort writer = session("writer", Set.of());
        writer.createThing(JsonObject.newBuilder().set("thingId", "acme:pump").build()).toCompletableFuture().join();

        // a write that requests the label succeeds once the egress session holds it (without the fix: 408 forever)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> merged(writer));
    }

    private boolean merged(DittoPort writer) {
        try {
            writer.mergeThing(ThingId.of("acme:pump"), JsonPointer.of("/attributes"),
                    JsonObject.newBuilder().set("n", JsonValue.of(1)).build(),
                    DittoRequestOptions.defaults().withRequestedAcks(LABEL).withTimeout(Duration.ofSeconds(2)))
                    .toCompletableFuture().join();
            return true;
        } catch (CompletionException notAcknowledged) {
            return false;
        }
    }

    private DittoPort session(String name, Set<String> labels) {
        DittoPort session = new DittoClientAdapter(new DittoConfig(URI.create(sandbox.wsUrl()),
                URI.create(sandbox.httpUrl()), "ditto", "ditto", Duration.ofSeconds(10), Duration.ofSeconds(10)),
                name, labels);
        session.connect().toCompletableFuture().join();
        sessions.add(session);
        return session;
    }
}
