package io.twinbridge.sandbox.ditto.memo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a pure function gave for a key, for keys it accepted (a function that throws remembers nothing, so
 * every refusal is made again). Bounded: past {@code limit} keys it starts afresh, which costs only the work again.
 * Thread-safe; two threads may compute the same key at once, which is harmless for a pure function.
 */
public final class BoundedMemo<K, V> {
    private final int limit;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    public BoundedMemo(int limit) {
        this.limit = limit;
    }

    public V get(K key, Function<? super K, ? extends V> compute) {
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        V made = compute.apply(key);
        if (values.size() >= limit) {
            values.clear();
        }
        values.put(key, made);
        return made;
    }
}
