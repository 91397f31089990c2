package io.choreo.projection;

import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.decide.Decider;

/** By-hand timing of the phases of {@code choreo check} (not a test): {@code java ... CheckTimingProbe}. */
public final class CheckTimingProbe {
    public static void main(String[] args) {
        if (args.length > 0) {
            for (int rep = 0; rep < Integer.parseInt(args[1]); rep++) {
                time(args[0], args[0].equals("synthetic") ? synthetic(10_000, 8) : chain(Integer.parseInt(args[0])));
            }
            return;
        }
        for (int rep = 0; rep < 6; rep++) {
            for (int n : new int[] {40, 80, 160, 320}) {
                time("chain " + n, chain(n));
            }
            time("10k x 8", synthetic(10_000, 8));
        }
    }

    static void time(String name, String text) {
        Compiler.Compilation c = Compiler.compile("probe.choreo", text);
        CompiledProtocol p = c.protocol(null);
        DeadlockChecker.Options o = DeadlockChecker.Options.DEFAULT;
        long t0 = System.nanoTime();
        Decider.decide(p, Bindings.none(), o);
        long t1 = System.nanoTime();
        var report = DeadlockChecker.check(p, Bindings.none(), o);
        long t2 = System.nanoTime();
        var verdict = Checker.oracle(p, Bindings.none(), o);
        long t3 = System.nanoTime();
        var whole = Checker.check(p, Bindings.none(), o);
        long t4 = System.nanoTime();
        System.out.printf("%-10s decide %5d ms  deadlock %5d ms  oracle %5d ms  whole %5d ms  %s %s %s%n", name,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000,
                report.verdict(), verdict.kind(), whole.hasErrors());
    }

    static String chain(int roles) {
        StringBuilder b = new StringBuilder("choreography Chain { roles: ");
        for (int i = 0; i < roles; i++) {
            b.append(i == 0 ? "" : ", ").append('R').append(i);
        }
        b.append(";\n");
        for (int i = 0; i + 1 < roles; i++) {
            b.append("  R").append(i).append(" -> R").append(i + 1).append(": Request;\n");
        }
        for (int i = roles - 1; i > 0; i--) {
            b.append("  R").append(i).append(" -> R").append(i - 1).append(": Reply;\n");
        }
        return b.append("}\n").toString();
    }

    static String synthetic(int interactions, int roles) {
        StringBuilder b = new StringBuilder("choreography Synthetic { roles: ");
        for (int r = 0; r < roles; r++) {
            b.append(r == 0 ? "" : ", ").append("R").append(r);
        }
        b.append(";\n");
        for (int i = 0; i < interactions; i++) {
            b.append("  R").append(i % roles).append(" -> R").append((i + 1) % roles).append(": M").append(i % 50)
                    .append("(Data);\n");
        }
        return b.append("}\n").toString();
    }
}
