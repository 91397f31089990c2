package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.decide.Decider;
import io.choreo.projection.decide.Decision;
import io.choreo.projection.oracle.Oracle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void randomProtocolsAreRejectedWithLocationsOrPassTheOracle() {
        int count = Integer.getInteger("choreo.property.count", 10_000);
        long base = Long.getLong("choreo.property.seed", 20261126L);
        int rejected = 0;
        int accepted = 0;
        int mergeIncomplete = 0;
        int mergeUnsound = 0;
        List<Long> inconclusive = new ArrayList<>();
        int oracleGaveUp = 0;
        int synthesizedVerified = 0;
        List<Long> outside = new ArrayList<>();
        long slowest = 0;
        for (int i = 0; i < count; i++) {
            long seed = base + i;
            String text = RandomProtocols.generate(seed);
            long started = System.nanoTime();
            try {
                Compiler.Compilation c = Compiler.compile("random.choreo", text);
                if (c.hasErrors()) {
                    rejected++;
                    for (Diagnostic d : c.diagnostics()) {
                        assertTrue(d.span().line() >= 1, () -> "seed " + seed + ": unlocated " + d + "\n" + text);
                    }
                    if (onlyKnowledgeOfChoice(c) && Decider.decideGlobal(c.protocols().get(0).global(), Bindings.none(),
                            OPTIONS) instanceof Decision.Implementable) {
                        mergeIncomplete++;
                        Oracle.Verdict v = Decider.verifySynthesized(c.protocols().get(0).global(), Bindings.none(),
                                OPTIONS);
                        assertTrue(v.ok() || v.kind() == Oracle.Kind.INCONCLUSIVE, () -> "seed " + seed
                                + ": the oracle refutes the synthesized automata: " + v.detail() + "\n" + text);
                        synthesizedVerified += v.ok() ? 1 : 0;
                    }
                    continue;
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
                slowest = Math.max(slowest, System.nanoTime() - started);
                if (r.inconclusive() && r.decision() instanceof Decision.OutsideFragment) {
                    outside.add(seed);
                } else if (r.inconclusive()) {
                    inconclusive.add(seed);
                } else if (r.hasErrors()) {
                    rejected++;
                    if (r.decision() instanceof Decision.NotImplementable) {
                        mergeUnsound++;
                    }
                } else {
                    accepted++;
                    if (!r.oracle().ok()) {
                        oracleGaveUp++;
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ": " + e + "\n" + text, e);
            }
        }
        System.out.printf("random protocols: %d accepted (decided implementable; the oracle agreeing on all, its bounded"
                + " search giving up on %d), %d rejected, %d inconclusive (seeds %d..%d); merge rejects %d the decision"
                + " shows implementable (merge incomplete; the oracle verifies %d of their synthesized automata and refutes"
                + " none); merge accepts %d the decision rejects (E220); 0 oracle "
                + "disagreements or non-conforming projections (E900); outside the exactly decided fragment and the oracle"
                + " gave up (W211, exit 3): %s; slowest check %d ms%n", accepted, oracleGaveUp,
                rejected, inconclusive.size(), base, base + count - 1, mergeIncomplete, synthesizedVerified, mergeUnsound,
                outside, slowest / 1_000_000);
        assertEquals(List.of(), inconclusive, "seeds left undecided within the default budgets");
        assertTrue(accepted >= count / 10, "too few accepted protocols to mean anything: " + accepted);
    }

    private static boolean onlyKnowledgeOfChoice(Compiler.Compilation c) {
        return !c.parse().hasErrors() && c.protocols().size() == 1 && c.protocols().get(0).global() != null
                && c.diagnostics().stream()
                .filter(Diagnostic::isError).allMatch(d -> d.code().equals("E210"));
    }
}
