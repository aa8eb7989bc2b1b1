package io.twinbridge.gateway.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsExponentiallyWithinJitterBoundsAndIsCapped() {
        Random random = new Random(7);
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), random::nextDouble);
        for (int attempt = 0; attempt < 40; attempt++) {
            long upper = Math.min(100L << Math.min(attempt, 30), 5_000L);
            long delay = backoff.delay(attempt).toMillis();
            assertTrue(delay >= upper / 2 && delay <= upper, "attempt " + attempt + ": " + delay + " not in ["
                    + upper / 2 + ", " + upper + "]");
        }
    }

    @Test
    void extremesOfTheRandomSourceHitTheBounds() {
        assertEquals(50, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0).delay(0).toMillis());
        assertEquals(1_000, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 1.0).delay(9).toMillis());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0));
    }
}
