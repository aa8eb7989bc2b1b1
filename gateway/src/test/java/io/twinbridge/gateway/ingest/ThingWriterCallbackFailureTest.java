package io.twinbridge.gateway.ingest;

import static io.twinbridge.gateway.ingest.ThingWriterKit.ACME;
import static io.twinbridge.gateway.ingest.ThingWriterKit.turbine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortException;
import io.twinbridge.gateway.mapping.TimedValue;
import io.twinbridge.gateway.mapping.TwinPatch;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step of a write that throws inside an answer's callback (here the create after a merge answered 404) fails the
 * write, so that its records are reported as unfinished: before, the exception vanished inside the CompletableFuture
 * that ran the callback, and the write never ended, its thing waiting forever with a write in flight.
 */
class ThingWriterCallbackFailureTest {
    private final ScheduledExecutorService pipeline = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        pipeline.shutdownNow();
    }

    @Test
    void aStepThatThrowsInACallbackFailsTheWrite() {
        IllegalStateException broken = new IllegalStateException("create broke");
        DittoPort twinService = (DittoPort) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DittoPort.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "mergeThing" -> CompletableFuture.supplyAsync(() -> {
                        throw new DittoPortException(404, ErrorClassifier.THING_NOT_FOUND, "not found");
                    });
                    case "createThing" -> throw broken;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        ThingWriter writer = ThingWriterKit.writer(twinService, pipeline, Optional.empty());
        TwinPatch patch = TwinPatch.builder("WTG-1", 2_000L).put("rotor", "speedRpm", new TimedValue(12.5, 1_000L))
                .build();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> writer.write("acme:WTG-1",
                new TwinUpdate(ACME, turbine(), patch, "c")).toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertEquals(broken, assertInstanceOf(IllegalStateException.class, failed.getCause()));
    }
}
