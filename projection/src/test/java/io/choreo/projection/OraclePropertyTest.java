package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.oracle.Oracle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Property: every random protocol is either rejected with located diagnostics, or accepted and passes the oracle
 * (its participants together behave exactly as the global protocol). Seeded and reproducible; the count is
 * {@code -Dchoreo.property.count} (default 10,000) from {@code -Dchoreo.property.seed} (default 20261126).
 */
class OraclePropertyTest {
    private static final DeadlockChecker.Options OPTIONS = new DeadlockChecker.Options(3, 20_000,
            Duration.ofMillis(300), 2);

    @Test
    void randomProtocolsAreRejectedWithLocationsOrPassTheOracle() {
        int count = Integer.getInteger("choreo.property.count", 10_000);
        long base = Long.getLong("choreo.property.seed", 20261126L);
        int rejected = 0;
        int accepted = 0;
        int inconclusive = 0;
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
                    continue;
                }
                Checker.Result r = Checker.check(c.protocol(null), Bindings.none(), OPTIONS);
                for (Diagnostic d : r.diagnostics()) {
                    if (d.code().equals("E900")) {
                        fail("seed " + seed + ": projection does not implement the protocol: " + d.message() + "\n"
                                + text + "\n" + c.protocol(null).locals().keySet().stream()
                                .map(role -> role + ": " + c.protocol(null).print(role)).toList());
                    }
                    assertTrue(d.span().line() >= 1, () -> "seed " + seed + ": unlocated " + d + "\n" + text);
                }
                slowest = Math.max(slowest, System.nanoTime() - started);
                if (r.hasErrors()) {
                    rejected++;
                } else if (r.oracle().kind() == Oracle.Kind.INCONCLUSIVE) {
                    inconclusive++;
                } else {
                    accepted++;
                }
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ": " + e + "\n" + text, e);
            }
        }
        System.out.printf("random protocols: %d accepted and verified, %d rejected, %d inconclusive (seeds %d..%d);"
                + " slowest check %d ms%n", accepted, rejected, inconclusive, base, base + count - 1,
                slowest / 1_000_000);
        assertTrue(accepted >= count / 10, "too few accepted protocols to mean anything: " + accepted);
    }
}
