package io.choreo.runtime.session;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Values computed once per key instance (by identity: no deep hashing of protocols or participant maps), for what
 * every session of a protocol would otherwise compute again. Bounded: when full, it starts over.
 */
public final class IdentityMemo<K, V> {
    private final Map<K, V> values = new IdentityHashMap<>();
    private final int capacity;

    public IdentityMemo(int capacity) {
        this.capacity = capacity;
    }

    /** The value for {@code key}, computed by {@code compute} the first time (or after the memo started over). */
    public synchronized V get(K key, Function<? super K, ? extends V> compute) {
        V known = values.get(key);
        if (known == null) {
            if (values.size() >= capacity) {
                values.clear();
            }
            known = compute.apply(key);
            values.put(key, known);
        }
        return known;
    }
}
