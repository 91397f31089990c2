package io.choreo.simulation.report;

import io.choreo.simulation.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/** Many seeds of one simulation, counted by outcome. */
public record Sweep(String protocol, int runs, Map<String, Integer> outcomes, int withViolations, int hangs,
                    List<Long> failingSeeds, long totalSteps) {

    /** Runs {@code seeds} seeds from {@code firstSeed}; {@code onResult} sees each run as it ends. */
    public static Sweep run(String protocol, long firstSeed, int seeds, LongFunction<SimulationResult> simulate,
                            java.util.function.Consumer<SimulationResult> onResult) {
        Map<String, Integer> outcomes = new TreeMap<>();
        int violations = 0;
        int hangs = 0;
        long steps = 0;
        List<Long> failing = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            SimulationResult r = simulate.apply(seed);
            onResult.accept(r);
            outcomes.merge(r.outcome(), 1, Integer::sum);
            steps += r.steps();
            if (!r.violations().isEmpty()) {
                violations++;
            }
            if (r.hung()) {
                hangs++;
            }
            if (!r.ok() && failing.size() < 20) {
                failing.add(seed);
            }
        }
        return new Sweep(protocol, seeds, outcomes, violations, hangs, failing, steps);
    }

    public String summary() {
        return protocol + ": " + runs + " seeds — " + outcomes + "; runs with violations: " + withViolations
                + "; hangs: " + hangs + (failingSeeds.isEmpty() ? "" : "; seeds to replay: " + failingSeeds)
                + "; " + totalSteps + " steps";
    }
}
