package io.choreo.projection;

import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.decide.Decider;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * By-hand timing of the phases of {@code choreo check} on role chains and on 10,000 interactions among 8 roles
 * (not a test, no assertion): best of N runs after N warm-up runs, {@code java -cp … CheckTimingProbe [N]}.
 */
public final class CheckTimingProbe {
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        for (int n : new int[] {40, 80, 160, 320}) {
            time("chain " + n, chain(n), reps);
        }
        time("10k x 8", synthetic(10_000, 8), reps);
    }

    /** Best of {@code reps} runs of each phase, after as many warm-up runs. */
    static void time(String name, String text, int reps) {
        CompiledProtocol p = Compiler.compile("probe.choreo", text).protocol(null);
        DeadlockChecker.Options o = DeadlockChecker.Options.DEFAULT;
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        boolean errors = false;
        for (int rep = 0; rep < 2 * reps; rep++) {
            long t0 = System.nanoTime();
            Decider.decide(p, Bindings.none(), o);
            long t1 = System.nanoTime();
            DeadlockChecker.check(p, Bindings.none(), o);
            long t2 = System.nanoTime();
            Checker.oracle(p, Bindings.none(), o);
            long t3 = System.nanoTime();
            errors = Checker.check(p, Bindings.none(), o).hasErrors();
            long t4 = System.nanoTime();
            if (rep >= reps) {
                long[] took = {t1 - t0, t2 - t1, t3 - t2, t4 - t3};
                for (int i = 0; i < 4; i++) {
                    best[i] = Math.min(best[i], took[i]);
                }
            }
        }
        System.out.printf("%-10s decide %4d ms  deadlock %4d ms  oracle %4d ms  whole check %4d ms%s%n", name,
                best[0] / 1_000_000, best[1] / 1_000_000, best[2] / 1_000_000, best[3] / 1_000_000,
                errors ? "  (errors!)" : "");
    }

    /** A message along {@code roles} roles and the answer back (the shape of the bench's {@code Fixtures.chain}). */
    public static String chain(int roles) {
        return "choreography Chain { roles: " + join(roles, i -> "R" + i, ", ") + ";\n"
                + join(roles - 1, i -> "R" + i + " -> R" + (i + 1) + ": Request;\n", "")
                + join(roles - 1, i -> "R" + (roles - 1 - i) + " -> R" + (roles - 2 - i) + ": Reply;\n", "") + "}\n";
    }

    /** {@code interactions} messages passed round {@code roles} roles (the bench's {@code Fixtures.synthetic}). */
    public static String synthetic(int interactions, int roles) {
        return "choreography Synthetic { roles: " + join(roles, i -> "R" + i, ", ") + ";\n"
                + join(interactions, i -> "R" + i % roles + " -> R" + (i + 1) % roles + ": M" + i % 50 + "(Data);\n", "")
                + "}\n";
    }

    private static String join(int count, IntFunction<String> part, String separator) {
        return IntStream.range(0, count).mapToObj(part).collect(Collectors.joining(separator));
    }
}
