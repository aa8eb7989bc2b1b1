package io.twinbridge.gateway.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A small thread-safe map that evicts the least recently used entry beyond its capacity. One implementation for the
 * codec's schema caches (read from several decode threads) and egress's per-thing facts (one worker thread, where the
 * lock is never contended).
 */
public final class BoundedLruCache<K, V> {
    private final Map<K, V> entries;

    public BoundedLruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized Optional<V> get(K key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The key's value, made by {@code create} (and possibly evicting the eldest) when absent. */
    public synchronized V getOrCreate(K key, Function<? super K, ? extends V> create) {
        return entries.computeIfAbsent(key, create);
    }

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }
}
