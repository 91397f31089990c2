package io.choreo.simulation.report;

import io.choreo.simulation.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Many seeds of one simulation, counted by outcome, with why each run that did not complete ended (the first
 * {@value #ENDINGS_KEPT}; the rest are counted), and by the branches of timed choices taken: {@code deadlines}
 * counts the runs in which each deadline passed ({@code Coordinator: timeout(5s) at line 8}), and the runs in which
 * none did ({@link #NO_TIMEOUT}).
 */
public record Sweep(String protocol, int runs, Map<String, Integer> outcomes, int withViolations, int hangs,
                    List<Long> failingSeeds, long totalSteps, int notCompletedRuns, List<Ending> notCompleted,
                    Map<String, Integer> deadlines) {
    /** The {@link #deadlines} key of runs in which no deadline passed. */
    public static final String NO_TIMEOUT = "no deadline passed";

    /** How many runs that did not complete a sweep describes one by one. */
    public static final int ENDINGS_KEPT = 50;

    /** Why the run of {@code seed} ended without completing: its outcome and cause, and its failed checks. */
    public record Ending(long seed, String outcome, String cause, List<String> violations) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + outcome + (cause == null || cause.isEmpty() ? "" : " — " + cause)
                    + (violations.isEmpty() ? "" : "; failed checks: " + String.join("; ", violations));
        }
    }

    /** Runs {@code seeds} seeds from {@code firstSeed}; {@code onResult} sees each run as it ends. */
    public static Sweep run(String protocol, long firstSeed, int seeds, LongFunction<SimulationResult> simulate,
                            java.util.function.Consumer<SimulationResult> onResult) {
        Map<String, Integer> outcomes = new TreeMap<>();
        int violations = 0;
        int hangs = 0;
        long steps = 0;
        List<Long> failing = new ArrayList<>();
        Map<String, Integer> deadlines = new TreeMap<>();
        List<Ending> endings = new ArrayList<>();
        int notCompleted = 0;
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
            if (!r.completed() || !r.violations().isEmpty()) {
                notCompleted++;
                if (endings.size() < ENDINGS_KEPT) {
                    endings.add(new Ending(seed, r.outcome(), r.cause(), r.violations()));
                }
            }
        }
        return new Sweep(protocol, seeds, outcomes, violations, hangs, failing, steps, notCompleted,
                List.copyOf(endings), deadlines.containsKey(NO_TIMEOUT) && deadlines.size() == 1 ? Map.of() : deadlines);
    }

    public String summary() {
        StringBuilder out = new StringBuilder(protocol + ": " + runs + " seeds — " + outcomes
                + "; runs with violations: " + withViolations + "; hangs: " + hangs
                + (failingSeeds.isEmpty() ? "" : "; seeds to replay: " + failingSeeds) + "; " + totalSteps
                + " steps" + (deadlines.isEmpty() ? "" : "; timed choices: " + deadlines));
        if (!notCompleted.isEmpty()) {
            out.append("\nruns that did not complete, and why:");
            notCompleted.forEach(e -> out.append("\n  ").append(e));
            int more = notCompletedRuns - notCompleted.size();
            if (more > 0) {
                out.append("\n  … and ").append(more).append(" more (replay one with --seed S)");
            }
        }
        return out.toString();
    }
}
