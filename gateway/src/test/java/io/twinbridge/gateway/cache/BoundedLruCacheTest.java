package io.twinbridge.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoundedLruCacheTest {
    @Test
    void evictsTheLeastRecentlyUsedEntryBeyondItsCapacity() {
        BoundedLruCache<String, Integer> cache = new BoundedLruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertEquals(Optional.of(1), cache.get("a")); // "a" is now the most recently used
        cache.put("c", 3);

        assertEquals(Optional.empty(), cache.get("b"));
        assertEquals(Optional.of(1), cache.get("a"));
        assertEquals(Optional.of(3), cache.get("c"));
        assertEquals(2, cache.size());
    }

    @Test
    void getOrCreateMakesAnAbsentValueOnceAndKeepsIt() {
        BoundedLruCache<String, StringBuilder> cache = new BoundedLruCache<>(4);
        StringBuilder first = cache.getOrCreate("t", StringBuilder::new);

        assertSame(first, cache.getOrCreate("t", k -> new StringBuilder("other")));
        cache.remove("t");
        assertEquals(Optional.empty(), cache.get("t"));
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedLruCache<>(0));
    }
}
