package io.choreo.bench.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in milliseconds, sorted, with nearest-rank percentiles. */
record Latencies(List<Double> millis) {
    Latencies {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        millis = List.copyOf(sorted);
    }

    double percentile(double p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * millis.size());
        return millis.get(Math.min(millis.size() - 1, Math.max(0, rank - 1)));
    }

    double min() {
        return percentile(0);
    }

    double max() {
        return percentile(100);
    }
}
