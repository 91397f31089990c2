package io.choreo.bench.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measured values, sorted, with nearest-rank percentiles: latencies in milliseconds here, seconds or ratios in the
 * harnesses that share it ({@link ClusterRecoveryBench}, {@code io.choreo.bench.DurablePairs}).
 */
public record Latencies(List<Double> millis) {
    public Latencies {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        millis = List.copyOf(sorted);
    }

    public double percentile(double p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * millis.size());
        return millis.get(Math.min(millis.size() - 1, Math.max(0, rank - 1)));
    }

    public double min() {
        return percentile(0);
    }

    public double max() {
        return percentile(100);
    }
}
