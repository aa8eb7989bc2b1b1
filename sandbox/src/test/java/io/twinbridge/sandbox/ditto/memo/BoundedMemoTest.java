package io.twinbridge.sandbox.ditto.memo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void aKeyIsComputedOnceAndARefusalIsMadeAgain() {
        BoundedMemo<String, Object> memo = new BoundedMemo<>(10);
        AtomicInteger calls = new AtomicInteger();
        Object first = memo.get("a", k -> {
            calls.incrementAndGet();
            return new Object();
        });

        assertSame(first, memo.get("a", k -> new Object()));
        assertEquals(1, calls.get());
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalArgumentException.class, () -> memo.get("bad", k -> {
                calls.incrementAndGet();
                throw new IllegalArgumentException(k);
            }));
        }
        assertEquals(3, calls.get(), "a refusal is not remembered");
    }

    @Test
    void pastItsLimitItStartsAfresh() {
        BoundedMemo<Integer, Integer> memo = new BoundedMemo<>(2);
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            memo.get(i, k -> calls.incrementAndGet());
        }
        memo.get(0, k -> calls.incrementAndGet());

        assertEquals(4, calls.get(), "key 0 was forgotten when the third key came");
    }
}
