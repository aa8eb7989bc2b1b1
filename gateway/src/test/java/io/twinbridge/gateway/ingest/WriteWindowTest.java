package io.twinbridge.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the write window against a simulated twin service whose latency rises with load: {@code servers}
 * commands are served at once, each in {@code serviceNanos}; more wait in a FIFO queue, so the round trip is flat up
 * to the knee (W = servers) and rises linearly beyond. The simulation runs in virtual time, deterministic.
 */
class WriteWindowTest {
    private static final int KNEE = 200;
    private static final long SERVICE_NANOS = 2_000_000;

    /** A twin service with {@link #KNEE} servers and an endless backlog in the gateway: W writes always in flight. */
    private static final class SimulatedService {
        private final PriorityQueue<Long> serverFreeAt = new PriorityQueue<>();
        private final PriorityQueue<long[]> answers = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        private long serviceNanos = SERVICE_NANOS;
        private long now;
        private int inFlight;

        SimulatedService() {
            for (int i = 0; i < KNEE; i++) {
                serverFreeAt.add(0L);
            }
        }

        void send() {
            long start = Math.max(now, serverFreeAt.poll());
            long done = start + serviceNanos;
            serverFreeAt.add(done);
            inFlight++;
            answers.add(new long[] {done, now, inFlight});
        }

        /** Runs {@code samples} answers, keeping the window full. */
        void run(WriteWindow window, int samples) {
            for (int i = 0; i < samples; i++) {
                while (inFlight < window.limit()) {
                    send();
                }
                long[] answer = answers.poll();
                now = answer[0];
                inFlight--;
                window.onSample(answer[0] - answer[1], (int) answer[2]);
            }
        }
    }

    @Test
    void theWindowConvergesNearTheKneeAndShrinksWhenLatencyRises() {
        WriteWindow window = new WriteWindow(4, 16, 1_000);
        SimulatedService service = new SimulatedService();

        service.run(window, 4_000);
        int settled = 0;
        int lowest = Integer.MAX_VALUE;
        int highest = 0;
        for (int i = 0; i < 10; i++) {
            service.run(window, 100);
            lowest = Math.min(lowest, window.limit());
            highest = Math.max(highest, window.limit());
            settled += window.limit();
        }
        settled /= 10;
        // near the knee: enough to keep every server busy, and no more queue inside the service than the tolerance
        // allows (a round trip of at most TOLERANCE times the unloaded one, i.e. W up to TOLERANCE times the knee)
        assertTrue(lowest >= KNEE * 0.9, "W fell to " + lowest + " below the knee " + KNEE);
        assertTrue(highest <= KNEE * (WriteWindow.TOLERANCE + 0.3), "W rose to " + highest + ", far past the knee "
                + KNEE);
        assertTrue(window.peak() < 1_000, "W never ran away to its maximum: " + window.peak());

        // when the twin service becomes twice as slow, its round trip doubles and W shrinks
        service.serviceNanos = 2 * SERVICE_NANOS;
        service.run(window, 1_000);
        assertTrue(window.limit() < settled * 0.75, "W " + window.limit() + " did not shrink from " + settled);
    }

    @Test
    void anIdleGatewayDoesNotInflateTheWindow() {
        WriteWindow window = new WriteWindow(4, 16, 1_000);
        for (int i = 0; i < 10_000; i++) {
            // one write at a time, always at the unloaded round trip
            window.onSample(SERVICE_NANOS, 1);
        }
        assertTrue(window.limit() <= 16, "W grew to " + window.limit() + " without being used");
    }

    @Test
    void theWindowStaysWithinItsBounds() {
        WriteWindow window = new WriteWindow(4, 16, 50);
        for (int i = 0; i < 10_000; i++) {
            window.onSample(SERVICE_NANOS, window.limit());
        }
        assertTrue(window.limit() == 50, "capped at its maximum: " + window.limit());
        for (int i = 0; i < 10_000; i++) {
            window.onSample(SERVICE_NANOS * 100, window.limit());
        }
        assertTrue(window.limit() >= 4, "never below its minimum: " + window.limit());
    }
}
