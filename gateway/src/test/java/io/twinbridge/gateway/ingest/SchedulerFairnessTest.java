package io.twinbridge.gateway.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, fairness: one device at 1,000 events/s among 9,999 quiet ones that send one event each, all through a
 * write window of at most 16 writes against a twin service that answers each write in 2 ms (8,000 writes/s). Bound:
 * every quiet device's event is written within {@value #BOUND_MS} ms of its arrival, however busy the hot device is,
 * because the ready queue serves the thing whose oldest update waited longest and a thing has one write in flight.
 */
class SchedulerFairnessTest {
    private static final long BOUND_MS = 2_000;
    private static final int QUIET = 9_999;
    private static final int TICKS = 5_000;

    private final ScheduledExecutorService pipeline = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService twinService = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        pipeline.shutdownNow();
        twinService.shutdownNow();
    }

    @Test
    void everyQuietDevicesEventIsWrittenWithinTheBoundWhileOneDeviceIsHot() throws Exception {
        AtomicLong hotWrites = new AtomicLong();
        CoalescingScheduler<Long, Long> scheduler = new CoalescingScheduler<>(pipeline, Duration.ZERO,
                Math::min, (key, firstArrival) -> {
                    if (key.equals("hot")) {
                        hotWrites.incrementAndGet();
                    }
                    CompletableFuture<Long> answer = new CompletableFuture<>();
                    twinService.schedule(() -> answer.complete(firstArrival), 2, TimeUnit.MILLISECONDS);
                    return answer;
                }, new WriteWindow(4, 16, 16), update -> 64, System::nanoTime);
        AtomicLong worstQuietMs = new AtomicLong();
        AtomicInteger quietDone = new AtomicInteger();
        AtomicInteger tick = new AtomicInteger();
        // every millisecond: one event of the hot device and two of quiet devices, until each quiet one sent one
        ScheduledFuture<?> driver = pipeline.scheduleAtFixedRate(() -> {
            int t = tick.getAndIncrement();
            if (t >= TICKS) {
                return;
            }
            long now = System.nanoTime();
            scheduler.submit("hot", now);
            for (int j = 0; j < 2; j++) {
                int device = 2 * t + j;
                if (device < QUIET) {
                    scheduler.submit("quiet-" + device, now).thenAccept(arrival -> {
                        worstQuietMs.accumulateAndGet((System.nanoTime() - now) / 1_000_000, Math::max);
                        quietDone.incrementAndGet();
                    });
                }
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> quietDone.get() == QUIET);
        } finally {
            driver.cancel(false);
        }

        assertEquals(QUIET, quietDone.get());
        assertTrue(worstQuietMs.get() <= BOUND_MS, "a quiet device waited " + worstQuietMs.get() + " ms");
        // and the hot device coalesced while it waited for its turn, instead of taking a slot per event
        assertTrue(hotWrites.get() < TICKS, "hot device: " + hotWrites.get() + " writes for " + TICKS + " events");
    }
}
