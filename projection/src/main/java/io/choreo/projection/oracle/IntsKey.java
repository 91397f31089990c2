package io.choreo.projection.oracle;

import java.util.Arrays;

/** An int array with value equality, for keying explored states by their contents. */
record IntsKey(int[] data) {
    @Override
    public boolean equals(Object o) {
        return o instanceof IntsKey k && Arrays.equals(k.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return Arrays.toString(data);
    }
}
