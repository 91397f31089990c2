package io.choreo.runtime.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values computed once per key instance (by identity: no deep hashing of protocols or participant maps), for what
 * every session of a protocol would otherwise compute again. Lock-free to read (thousands of sessions starting at
 * once on every dispatcher thread look values up together); bounded: when full, it starts over.
 */
public final class IdentityMemo<K, V> {
    /** A key compared by identity. */
    private record Identity(Object key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.key == key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }
    }

    private final Map<Identity, V> values = new ConcurrentHashMap<>();
    private final int capacity;

    public IdentityMemo(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The value for {@code key}, computed by {@code compute} the first time (or after the memo started over); two
     * threads missing at once may both compute it, and one value wins.
     */
    public V get(K key, Function<? super K, ? extends V> compute) {
        Identity id = new Identity(key);
        V known = values.get(id);
        if (known == null) {
            known = compute.apply(key);
            if (values.size() >= capacity) {
                values.clear();
            }
            V raced = values.putIfAbsent(id, known);
            if (raced != null) {
                known = raced;
            }
        }
        return known;
    }
}
