package io.twinbridge.gateway.tenant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.config.DittoConfig;
import io.twinbridge.gateway.ditto.DittoClientAdapter;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 5: the purge against a search index that lags behind the deletions, as Ditto's does (things-search
 * updates it asynchronously, search.conf updater.stream.write-interval = 1s). The sandbox lags by one second here.
 */
@Tag("flow")
class TwinPurgeTest {
    private DittoSandbox sandbox;
    private DittoPort session;

    @BeforeEach
    void start() {
        sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0).withSearchLag(Duration.ofSeconds(1)));
        session = new DittoClientAdapter(new DittoConfig(URI.create(sandbox.wsUrl()), URI.create(sandbox.httpUrl()),
                "ditto", "ditto", Duration.ofSeconds(10), Duration.ofSeconds(10)), "purge-test");
        session.connect().toCompletableFuture().join();
    }

    @AfterEach
    void stop() {
        session.close().toCompletableFuture().join();
        sandbox.close();
    }

    @Test
    void aPurgeWaitsForTheSearchIndexInsteadOfGivingUp() {
        // more things than one search page, so that the purge must search again after deleting a page
        int count = TwinPurge.PAGE + 5;
        for (int i = 0; i < count; i++) {
            session.createThing(JsonObject.newBuilder().set("thingId", "acme:device-" + i).build())
                    .toCompletableFuture().join();
        }
        // the state under test: the index holds them (it shows new things only after the lag)
        await().atMost(Duration.ofSeconds(20)).until(() -> session.searchThings("acme", Optional.empty(),
                TwinPurge.PAGE).toCompletableFuture().join().thingIds().size() == TwinPurge.PAGE);

        long deleted = TwinPurge.run(session, List.of("acme")).toCompletableFuture().join();

        assertEquals(count, deleted);
        for (int i = 0; i < count; i += 50) {
            assertTrue(session.retrieveThing(ThingId.of("acme:device-" + i)).toCompletableFuture().join().isEmpty());
        }
    }

    @Test
    void theBackoffDoublesUpToTwoSecondsAndStopsAtTheLimit() {
        assertEquals(Duration.ofMillis(100), TwinPurge.nextPause(Duration.ZERO));
        assertEquals(Duration.ofMillis(200), TwinPurge.nextPause(Duration.ofMillis(200)));
        assertEquals(Duration.ofSeconds(2), TwinPurge.nextPause(Duration.ofSeconds(5)));
        assertEquals(Duration.ofMillis(500), TwinPurge.nextPause(TwinPurge.SETTLE_LIMIT.minusMillis(500)));
    }
}
