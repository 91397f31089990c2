package io.choreo.projection.oracle;

import java.util.Arrays;

/**
 * A candidate global run of the {@link Soundness} direction: a global state and, per participant, its lag (the
 * events the global run has that the participant has not done yet), as one array {@code [g, lag_0…, -1, lag_1…,
 * -1, …]}. Each operation copies the array once: no per-participant lists are built.
 */
record Cand(IntsKey key) {
    static Cand initial(int participants) {
        int[] d = new int[participants + 1];
        Arrays.fill(d, 1, d.length, -1);
        return of(d);
    }

    private static Cand of(int[] data) {
        return new Cand(new IntsKey(data));
    }

    int[] data() {
        return key.data();
    }

    int g() {
        return data()[0];
    }

    /** Index of the first lag entry of participant {@code p}. */
    int start(int p) {
        int i = 1;
        for (int seen = 0; seen < p; i++) {
            if (data()[i] < 0) {
                seen++;
            }
        }
        return i;
    }

    /** Index of the separator that ends participant {@code p}'s lag, searching from its {@link #start}. */
    int end(int from) {
        int i = from;
        while (data()[i] >= 0) {
            i++;
        }
        return i;
    }

    /** Whether no participant lags behind. */
    boolean allEmpty() {
        for (int i = 1; i < data().length; i++) {
            if (data()[i] >= 0) {
                return false;
            }
        }
        return true;
    }

    /** This candidate without the lag entry at {@code index}. */
    Cand without(int index) {
        int[] d = new int[data().length - 1];
        System.arraycopy(data(), 0, d, 0, index);
        System.arraycopy(data(), index + 1, d, index, data().length - index - 1);
        return of(d);
    }

    /**
     * Global state {@code g}, with entry {@code a} appended to participant {@code p}'s lag and entry {@code b} to
     * participant {@code q}'s ({@code p != q}).
     */
    Cand append(int g, int p, int a, int q, int b) {
        int ip = end(start(p));
        int iq = end(start(q));
        int first = Math.min(ip, iq);
        int second = Math.max(ip, iq);
        int[] d = new int[data().length + 2];
        System.arraycopy(data(), 0, d, 0, first);
        d[first] = ip < iq ? a : b;
        System.arraycopy(data(), first, d, first + 1, second - first);
        d[second + 1] = ip < iq ? b : a;
        System.arraycopy(data(), second, d, second + 2, data().length - second);
        d[0] = g;
        return of(d);
    }

    /** Global state {@code g}, with entry {@code a} appended to participant {@code p}'s lag. */
    Cand appendOne(int g, int p, int a) {
        int ip = end(start(p));
        int[] d = new int[data().length + 1];
        System.arraycopy(data(), 0, d, 0, ip);
        d[ip] = a;
        System.arraycopy(data(), ip, d, ip + 1, data().length - ip);
        d[0] = g;
        return of(d);
    }
}
