package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.choreo.dsl.ParallelTasks;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.decide.Decider;
import io.choreo.projection.decide.Decision;
import io.choreo.projection.oracle.Oracle;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Property: every random protocol is either rejected with located diagnostics, or accepted and passes the oracle
 * (its participants together behave exactly as the global protocol); implementability is decided for every one
 * (0 inconclusive within the default budgets), the oracle never disagrees with an accept, and the decision and the
 * merge agree except where the merge is incomplete (counted). Seeded and reproducible; the count is
 * {@code -Dchoreo.property.count} (default 10,000) from {@code -Dchoreo.property.seed} (default 20261126).
 */
class OraclePropertyTest {
    /** The default state budget; a time budget far below the default 10 s (0 inconclusive even so). */
    private static final DeadlockChecker.Options OPTIONS = new DeadlockChecker.Options(3,
            DeadlockChecker.Options.DEFAULT.maxStates(), Duration.ofMillis(300), 2);

    /** What one seed came to. */
    private enum Kind { REJECTED, MERGE_INCOMPLETE, MERGE_UNSOUND, ACCEPTED, ORACLE_GAVE_UP, INCONCLUSIVE, OUTSIDE }

    private record Outcome(long seed, Kind kind, boolean synthesizedVerified, long nanos) {
    }

    /**
     * The seeds are independent and the compiler is pure, so they are checked on every core (the suite's longest
     * CPU-bound test); the verdicts and counts are the same as one after the other.
     */
    @Test
    void randomProtocolsAreRejectedWithLocationsOrPassTheOracle() throws Exception {
        int count = Integer.getInteger("choreo.property.count", 10_000);
        long base = Long.getLong("choreo.property.seed", 20261126L);
        List<Outcome> outcomes = ParallelTasks.all(LongStream.range(base, base + count)
                .mapToObj(seed -> (Callable<Outcome>) () -> check(seed)).toList(), ParallelTasks.cores());
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            counts.put(k, 0L);
        }
        outcomes.forEach(o -> counts.merge(o.kind(), 1L, Long::sum));
        long accepted = counts.get(Kind.ACCEPTED) + counts.get(Kind.ORACLE_GAVE_UP);
        long rejected = counts.get(Kind.REJECTED) + counts.get(Kind.MERGE_INCOMPLETE) + counts.get(Kind.MERGE_UNSOUND);
        List<Long> inconclusive = seeds(outcomes, Kind.INCONCLUSIVE);
        long synthesizedVerified = outcomes.stream().filter(Outcome::synthesizedVerified).count();
        long slowest = outcomes.stream().filter(o -> o.nanos() >= 0).mapToLong(Outcome::nanos).max().orElse(0);
        System.out.printf("random protocols: %d accepted (decided implementable; the oracle agreeing on all, its bounded"
                + " search giving up on %d), %d rejected, %d inconclusive (seeds %d..%d); merge rejects %d the decision"
                + " shows implementable (merge incomplete; the oracle verifies %d of their synthesized automata and refutes"
                + " none); merge accepts %d the decision rejects (E220); 0 oracle "
                + "disagreements or non-conforming projections (E900); outside the exactly decided fragment and the oracle"
                + " gave up (W211, exit 3): %s; slowest check %d ms%n", accepted, counts.get(Kind.ORACLE_GAVE_UP),
                rejected, inconclusive.size(), base, base + count - 1, counts.get(Kind.MERGE_INCOMPLETE),
                synthesizedVerified, counts.get(Kind.MERGE_UNSOUND), seeds(outcomes, Kind.OUTSIDE), slowest / 1_000_000);
        assertEquals(List.of(), inconclusive, "seeds left undecided within the default budgets");
        assertTrue(accepted >= count / 10, "too few accepted protocols to mean anything: " + accepted);
    }

    private static List<Long> seeds(List<Outcome> outcomes, Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).map(Outcome::seed).toList();
    }

    /** Compiles and checks the protocol of {@code seed}; an assertion names the seed and the protocol. */
    private static Outcome check(long seed) {
        String text = RandomProtocols.generate(seed);
        long started = System.nanoTime();
        try {
            Compiler.Compilation c = Compiler.compile("random.choreo", text);
            if (c.hasErrors()) {
                for (Diagnostic d : c.diagnostics()) {
                    assertTrue(d.span().line() >= 1, () -> "seed " + seed + ": unlocated " + d + "\n" + text);
                }
                if (onlyKnowledgeOfChoice(c) && Decider.decideGlobal(c.protocols().get(0).global(), Bindings.none(),
                        OPTIONS) instanceof Decision.Implementable) {
                    Oracle.Verdict v = Decider.verifySynthesized(c.protocols().get(0).global(), Bindings.none(),
                            OPTIONS);
                    assertTrue(v.ok() || v.kind() == Oracle.Kind.INCONCLUSIVE, () -> "seed " + seed
                            + ": the oracle refutes the synthesized automata: " + v.detail() + "\n" + text);
                    return new Outcome(seed, Kind.MERGE_INCOMPLETE, v.ok(), -1);
                }
                return new Outcome(seed, Kind.REJECTED, false, -1);
            }
            Checker.Result r = Checker.check(c.protocol(null), Bindings.none(), OPTIONS);
            for (Diagnostic d : r.diagnostics()) {
                if (d.code().equals("E900")) {
                    fail("seed " + seed + ": " + d.message() + "\n"
                            + text + "\n" + c.protocol(null).locals().keySet().stream()
                            .map(role -> role + ": " + c.protocol(null).print(role)).toList());
                }
                assertTrue(d.span().line() >= 1, () -> "seed " + seed + ": unlocated " + d + "\n" + text);
            }
            long nanos = System.nanoTime() - started;
            if (r.inconclusive() && r.decision() instanceof Decision.OutsideFragment) {
                return new Outcome(seed, Kind.OUTSIDE, false, nanos);
            } else if (r.inconclusive()) {
                return new Outcome(seed, Kind.INCONCLUSIVE, false, nanos);
            } else if (r.hasErrors()) {
                return new Outcome(seed, r.decision() instanceof Decision.NotImplementable ? Kind.MERGE_UNSOUND
                        : Kind.REJECTED, false, nanos);
            }
            return new Outcome(seed, r.oracle().ok() ? Kind.ACCEPTED : Kind.ORACLE_GAVE_UP, false, nanos);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("seed " + seed + ": " + e + "\n" + text, e);
        }
    }

    private static boolean onlyKnowledgeOfChoice(Compiler.Compilation c) {
        return !c.parse().hasErrors() && c.protocols().size() == 1 && c.protocols().get(0).global() != null
                && c.diagnostics().stream()
                .filter(Diagnostic::isError).allMatch(d -> d.code().equals("E210"));
    }
}
