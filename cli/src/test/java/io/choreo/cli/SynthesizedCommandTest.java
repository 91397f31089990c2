package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocols the merge projection rejects (E210) but the decision shows implementable (issue 21, §2): {@code project}
 * prints their synthesized local types, {@code run} (durable, H2) and {@code simulate} run them to completion,
 * {@code gen} refuses them with E221.
 */
class SynthesizedCommandTest {
    /** S hears first from P or from Q; causality tells the branches apart (the other writes only after S did). */
    static final String CAUSAL = """
            choreography Causal {
              roles: R, P, Q, S;
              choice R {
                a: { R -> P: a; R -> Q: a; P -> S: x; S -> Q: t; Q -> S: y; }
                b: { R -> Q: b; R -> P: b; Q -> S: y; S -> P: t; P -> S: x; }
              }
            }
            """;
    /** An array instance decides a loop; the other instances are told per instance. */
    static final String W0 = """
            choreography W0 {
              roles: C, W[3];
              loop (decides: W[0]) { W[0] -> C: Ping; C -> W[1]: Fwd; }
            }
            """;

    @Test
    void projectPrintsTheSynthesizedLocalTypes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("causal.choreo"), CAUSAL);
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("project", file.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("S: &{Q?y; P!t; P?x; end | P?x; Q!t; Q?y; end}"), r::out);
        assertTrue(r.out().contains("R: +{Q!b; P!b; end | P!a; Q!a; end}"), r::out);
        assertFalse(r.err().contains("error[E210]"), r::err);
        assertTrue(r.err().contains("note: Causal: the merge projection is incomplete here"), r::err);
        ChoreoCommandTest.Run one = ChoreoCommandTest.run("project", file.toString(), "--role", "P");
        assertEquals("P: R&{a: R?a; S!x; end | b: R?b; S?t; S!x; end}\n", one.out(), one::toString);
    }

    @Test
    void runAndSimulateRunThemToCompletion(@TempDir Path dir) throws Exception {
        Path both = Files.writeString(dir.resolve("both.choreo"), CAUSAL + W0);
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("run", both.toString(), "--journal",
                dir.resolve("j").toString(), "--iterations", "2");
        assertEquals(0, r.exit(), r::toString);
        String causal = r.out().substring(0, r.out().indexOf("running W0"));
        assertTrue(causal.contains("5. Q -> S: y") && causal.contains("completed in"), r::out);
        String w0 = r.out().substring(r.out().indexOf("running W0"));
        assertTrue(w0.contains("W[0] -> C: Done (implicit)") && w0.contains(": 11 messages"), r::out);
        ChoreoCommandTest.Run sim = ChoreoCommandTest.run("simulate", both.toString(), "--protocol", "Causal",
                "--seeds", "5");
        assertEquals(0, sim.exit(), sim::toString);
        assertTrue(sim.out().contains("{completed=5}; runs with violations: 0; hangs: 0"), sim::out);
    }

    @Test
    void genSaysItDoesNotGenerateThem(@TempDir Path dir) throws Exception {
        Path w0 = Files.writeString(dir.resolve("w0.choreo"), W0);
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("gen", w0.toString(), "--out", dir.resolve("gen").toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("error[E221]: W0: `choreo gen` does not generate code"), r::err);
        assertFalse(r.err().contains("error[E210]"), r::err);
    }
}
