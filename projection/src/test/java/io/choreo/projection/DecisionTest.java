package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.decide.Decider;
import io.choreo.projection.decide.Decision;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision procedure for implementability: exact verdicts where the bounded oracle used to give up. */
class DecisionTest {

    private static Checker.Result check(String text) {
        Compiler.Compilation c = Compiler.compile("t.choreo", text);
        assertFalse(c.hasErrors(), c::render);
        return Checker.check(c.protocol(null), Bindings.none(), DeadlockChecker.Options.DEFAULT);
    }

    /** The decision on the global protocol alone, also where the merge rejects it. */
    private static Decision decideGlobal(String text) {
        Compiler.Compilation c = Compiler.compile("t.choreo", text);
        return Decider.decideGlobal(c.protocols().get(0).global(), Bindings.none(), DeadlockChecker.Options.DEFAULT);
    }

    @Test
    void roleThatCannotKnowALoopNeverEndsIsRejectedWithBothLocationsAndARun() {
        Checker.Result r = check("""
                choreography Orphan {
                  roles: P, Q, R;
                  P -> Q: start;
                  choice Q {
                    forever: { rec L { Q -> R: tick; continue L; } }
                    stop:    { Q -> R: halt; }
                  }
                  P -> R: late;
                }""");
        List<Diagnostic> e220 = r.diagnostics().stream().filter(d -> d.code().equals("E220")).toList();
        assertEquals(1, e220.size(), r::toString);
        Diagnostic d = e220.get(0);
        assertEquals(8, d.span().line(), d::toString);
        assertEquals(4, d.related().line(), d::toString);
        assertTrue(d.message().contains("P cannot know whether to send late to R"), d::message);
        assertTrue(d.hint().contains("1. P -> Q: start") && d.hint().contains("2. Q -> R: tick"), d::hint);
        assertInstanceOf(Decision.NotImplementable.class, r.decision());
        assertFalse(r.inconclusive());
    }

    @Test
    void nestedCountAndDecidesLoopsAreDecided() {
        Checker.Result r = check("""
                choreography Nested {
                  roles: A, B, C;
                  loop (count: 2) {
                    loop (count: 3) { A -> B: x; B -> C: y; }
                    loop (decides: A) { A -> B: p; B -> C: q; }
                  }
                }""");
        assertFalse(r.hasErrors(), r::toString);
        assertInstanceOf(Decision.Implementable.class, r.decision(), r::toString);
    }

    @Test
    void longSequencesAndLargeArraysAreDecided() {
        StringBuilder text = new StringBuilder("choreography Long { roles: A, B, C, D;\n");
        String[] roles = {"A", "B", "C", "D"};
        for (int i = 0; i < 3000; i++) {
            text.append(roles[i % 4]).append(" -> ").append(roles[(i + 1) % 4]).append(": m").append(i).append(";\n");
        }
        assertInstanceOf(Decision.Implementable.class, check(text + "}").decision());
        Checker.Result array = check("""
                choreography Big { roles: L, W[1000];
                  loop (decides: L) { L -> W[*]: Task; W[i] -> L: Result; }
                }""");
        assertFalse(array.hasErrors(), array::toString);
        assertInstanceOf(Decision.Implementable.class, array.decision(), array::toString);
    }

    @Test
    void receiveValidityFollowsCausality() {
        // S hears first from P in one branch and from Q in the other; in each, the other sender only writes after
        // S wrote to it, so S cannot take one for the other: implementable.
        assertInstanceOf(Decision.Implementable.class, decideGlobal("""
                choreography Causal { roles: R, P, Q, S;
                  choice R {
                    a: { R -> P: a; R -> Q: a; P -> S: x; S -> Q: t; Q -> S: y; }
                    b: { R -> Q: b; R -> P: b; Q -> S: y; S -> P: t; P -> S: x; }
                  }
                }"""));
        // Without the causal order, y can overtake x: S would take it for the other branch.
        Decision d = decideGlobal("""
                choreography Racy { roles: R, P, Q, S;
                  choice R {
                    a: { R -> P: a; R -> Q: a; P -> S: x; Q -> S: y; }
                    b: { R -> Q: b; R -> P: b; Q -> S: y; P -> S: x; }
                  }
                }""");
        assertInstanceOf(Decision.NotImplementable.class, d);
        assertEquals("S", ((Decision.NotImplementable) d).participant(), d::toString);
    }

    @Test
    void aRoleThatCannotKnowTheProtocolIsOverIsNotImplementable() {
        Decision d = decideGlobal("""
                choreography Over { roles: A, B, C;
                  choice A { x: { A -> B: x; A -> C: y; } z: { A -> B: z; } }
                }""");
        assertInstanceOf(Decision.NotImplementable.class, d);
        assertTrue(((Decision.NotImplementable) d).message().contains("C cannot know whether the protocol is over"),
                d::toString);
    }

    @Test
    void aRoleThatMaySendWhileAMessageToItIsOnItsWayIsNotImplementable() {
        // C sends in branch l1 without being told; in branch l0 A's x0 may be on its way to C meanwhile.
        Decision d = decideGlobal("""
                choreography Mixed { roles: A, B, C;
                  choice A {
                    l0: { A -> C: x0; C -> B: a; }
                    l1: { A -> B: x1; C -> B: b; }
                  }
                }""");
        Decision.NotImplementable bad = assertInstanceOf(Decision.NotImplementable.class, d);
        assertTrue(bad.message().contains("C cannot know whether to send b to B or to wait for x0 from A"),
                bad::message);
    }

    @Test
    void aChoiceWhoseDeciderMayDoNothingIsLeftToTheOracle() {
        Checker.Result r = check("""
                choreography Postponed { roles: C, D, E;
                  rec X {
                    D -> C: b;
                    choice C {
                      go:   { C -> E: go; continue X; }
                      wait: { continue X; }
                    }
                  }
                }""");
        assertInstanceOf(Decision.OutsideFragment.class, r.decision(), r::toString);
        assertTrue(r.hasErrors() || r.inconclusive() || r.oracle().ok(), r::toString);
    }

    @Test
    void anArrayInstanceDecidingALoopIsImplementable() {
        assertInstanceOf(Decision.Implementable.class, decideGlobal("""
                choreography W0 { roles: C, W[3];
                  loop (decides: W[0]) { W[0] -> C: Ping; C -> W[1]: Fwd; }
                }"""));
    }

    @Test
    void onlyAnExplicitBudgetMakesTheVerdictInconclusive() {
        Compiler.Compilation c = Compiler.compile("t.choreo", """
                choreography Small { roles: A, B; loop (count: 3) { A -> B: x; B -> A: y; } }""");
        Checker.Result r = Checker.check(c.protocol(null), Bindings.none(),
                new DeadlockChecker.Options(4, 10, Duration.ofSeconds(10), 2));
        assertTrue(r.inconclusive(), r::toString);
        Decision.Inconclusive why = assertInstanceOf(Decision.Inconclusive.class, r.decision());
        assertTrue(why.raise().contains("--max-states"), why::toString);
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals("W211")
                && d.hint().contains("--allow-inconclusive")), r::toString);
    }
}
