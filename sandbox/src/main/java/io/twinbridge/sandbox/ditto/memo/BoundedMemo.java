package io.twinbridge.sandbox.ditto.memo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a pure function gave for a key, for keys it accepted (a function that throws remembers nothing, so
 * every refusal is made again), or a verdict {@linkplain #remember remembered} from elsewhere. Bounded: past
 * {@code limit} keys it starts afresh, which costs only the work again. Thread-safe; two threads may compute the same
 * key at once, which is harmless for a pure function.
 */
public final class BoundedMemo<K, V> {
    private final int limit;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    public BoundedMemo(int limit) {
        this.limit = limit;
    }

    public V get(K key, Function<? super K, ? extends V> compute) {
        V known = known(key);
        if (known != null) {
            return known;
        }
        V made = compute.apply(key);
        remember(key, made);
        return made;
    }

    /** What was remembered for {@code key}, or {@code null}. */
    public V known(K key) {
        return values.get(key);
    }

    /** Remembers {@code value} for {@code key} (a verdict reached elsewhere, e.g. after Ditto's own checks passed). */
    public void remember(K key, V value) {
        if (values.size() >= limit) {
            values.clear();
        }
        values.put(key, value);
    }
}
