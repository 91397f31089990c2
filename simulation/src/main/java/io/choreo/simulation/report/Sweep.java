package io.choreo.simulation.report;

import io.choreo.simulation.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Many seeds of one simulation, counted by outcome, and by the branches of timed choices taken: {@code deadlines}
 * counts the runs in which each deadline passed ({@code Coordinator: timeout(5s) at line 8}), and the runs in which
 * none did ({@link #NO_TIMEOUT}).
 */
public record Sweep(String protocol, int runs, Map<String, Integer> outcomes, int withViolations, int hangs,
                    List<Long> failingSeeds, long totalSteps, Map<String, Integer> deadlines) {
    /** The {@link #deadlines} key of runs in which no deadline passed. */
    public static final String NO_TIMEOUT = "no deadline passed";

    /** Runs {@code seeds} seeds from {@code firstSeed}; {@code onResult} sees each run as it ends. */
    public static Sweep run(String protocol, long firstSeed, int seeds, LongFunction<SimulationResult> simulate,
                            java.util.function.Consumer<SimulationResult> onResult) {
        Map<String, Integer> outcomes = new TreeMap<>();
        int violations = 0;
        int hangs = 0;
        long steps = 0;
        List<Long> failing = new ArrayList<>();
        Map<String, Integer> deadlines = new TreeMap<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            SimulationResult r = simulate.apply(seed);
            onResult.accept(r);
            outcomes.merge(r.outcome(), 1, Integer::sum);
            steps += r.steps();
            List<String> timeouts = r.trace().stream().filter(io.choreo.runtime.session.TraceEvent::local)
                    .map(Object::toString).distinct().toList();
            if (timeouts.isEmpty()) {
                deadlines.merge(NO_TIMEOUT, 1, Integer::sum);
            }
            timeouts.forEach(t -> deadlines.merge(t, 1, Integer::sum));
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
        return new Sweep(protocol, seeds, outcomes, violations, hangs, failing, steps,
                deadlines.containsKey(NO_TIMEOUT) && deadlines.size() == 1 ? Map.of() : deadlines);
    }

    public String summary() {
        return protocol + ": " + runs + " seeds — " + outcomes + "; runs with violations: " + withViolations
                + "; hangs: " + hangs + (failingSeeds.isEmpty() ? "" : "; seeds to replay: " + failingSeeds)
                + "; " + totalSteps + " steps" + (deadlines.isEmpty() ? "" : "; timed choices: " + deadlines);
    }
}
