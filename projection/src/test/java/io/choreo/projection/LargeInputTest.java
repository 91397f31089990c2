package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.local.Participants;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The front end and the checker are total at any size: long protocols and huge bounds never overflow or hang. */
class LargeInputTest {

    @Test
    void hundredThousandSequentialInteractionsCompileInstantiateAndCheck() {
        StringBuilder text = new StringBuilder("choreography Big { roles: A, B;\n");
        for (int i = 0; i < 50_000; i++) {
            text.append("  A -> B: Ping; B -> A: Pong;\n");
        }
        text.append("}\n");
        Compiler.Compilation c = Compiler.compile("big.choreo", text.toString());
        assertFalse(c.hasErrors(), c::render);
        CompiledProtocol p = c.protocol(null);
        assertTrue(p.print("A").startsWith("B!Ping; B?Pong; B!Ping"));
        var participants = Participants.of(p, ResolvedBindings.resolve(p.global(), Bindings.none()));
        assertEquals(2, participants.size());
        Checker.Result r = Checker.check(p, Bindings.none(),
                DeadlockChecker.Options.DEFAULT.withTimeBudget(Duration.ofSeconds(20)));
        assertFalse(r.hasErrors(), r::toString);
        assertTrue(r.report().ok(), r.report()::describe);
    }

    @Test
    void hugeBoundsAreRefusedForRunningAndCheckedSmall() {
        CompiledProtocol p = Compiler.compile("h.choreo", "choreography H { roles: L, W[2147483647]; "
                + "loop (count: 2147483647) { L -> W[*]: Task; W[i] -> L: Result; } }").protocol(null);
        long start = System.nanoTime();
        Checker.Result r = Checker.check(p, Bindings.none(), DeadlockChecker.Options.DEFAULT);
        assertFalse(r.hasErrors(), r::toString);
        assertTrue(r.report().ok() && r.oracle().ok(), r::toString);
        // unclamped, this would explore 2^31 workers: any answer within 15 s (a loaded CI machine) is the clamp
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "answers within 15 s");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.choreo.projection.bind.BindingException.class,
                () -> ResolvedBindings.resolve(p.global(), Bindings.none()));
        assertTrue(refused.getMessage().contains("more than the limit"), refused.getMessage());
        CompiledProtocol followers = Compiler.compile("f.choreo", "choreography F { roles: L, F[N]; "
                + "L -> F[*]: Ping; F[i] -> L: Pong; }").protocol(null);
        assertThrows(followers, Bindings.none().bindRoleCount("F", 1_000_000_000));
        Checker.Result checked = Checker.check(followers, Bindings.none().bindRoleCount("F", 1_000_000_000),
                DeadlockChecker.Options.DEFAULT);
        assertTrue(checked.report().ok(), checked::toString);
    }

    private static void assertThrows(CompiledProtocol p, Bindings b) {
        org.junit.jupiter.api.Assertions.assertThrows(io.choreo.projection.bind.BindingException.class,
                () -> ResolvedBindings.resolve(p.global(), b));
    }

    @Test
    void aChainOfManyRolesGetsAVerdictWithinItsBudget() {
        StringBuilder text = new StringBuilder("choreography Chain { roles: ");
        int n = 160;
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : ", ").append("R").append(i);
        }
        text.append(";\n");
        for (int i = 0; i + 1 < n; i++) {
            text.append("  R").append(i).append(" -> R").append(i + 1).append(": M;\n");
        }
        text.append("}\n");
        CompiledProtocol p = Compiler.compile("chain.choreo", text.toString()).protocol(null);
        long start = System.nanoTime();
        Checker.Result r = Checker.check(p, Bindings.none(),
                DeadlockChecker.Options.DEFAULT.withTimeBudget(Duration.ofSeconds(3)));
        assertFalse(r.hasErrors(), r::toString);
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "the 3 s budget bounds the check");
    }
}
