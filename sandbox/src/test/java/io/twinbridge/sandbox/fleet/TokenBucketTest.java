package io.twinbridge.sandbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void allowsABurstThenPacesAtTheRate() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(100, 5, now::get);

        for (int i = 0; i < 5; i++) {
            assertEquals(0, bucket.tryTake(), "burst token " + i);
        }
        long wait = bucket.tryTake();
        assertTrue(wait > 9_000_000 && wait <= 10_000_000, "next token in about 10 ms: " + wait);

        now.addAndGet(1_000_000_000L);
        int taken = 0;
        while (bucket.tryTake() == 0) {
            taken++;
        }
        assertEquals(5, taken, "refill is capped at the burst size");
    }
}
