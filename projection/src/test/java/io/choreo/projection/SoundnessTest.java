package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.TestCorpus;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.oracle.Oracle;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The defect classes of projection soundness and completeness, and the oracle over the corpus. */
class SoundnessTest {

    static Compiler.Compilation compile(String text) {
        return Compiler.compile("t.choreo", text);
    }

    static List<String> codes(Compiler.Compilation c) {
        return c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList();
    }

    static Checker.Result check(String text) {
        Compiler.Compilation c = compile(text);
        assertFalse(c.hasErrors(), c::render);
        return Checker.check(c.protocol(null), Bindings.none(), DeadlockChecker.Options.DEFAULT);
    }

    @Test
    void roleOutsideAChoiceThatContinuesARecursionMustKnowTheBranch() {
        Compiler.Compilation c = compile("""
                choreography Unsound {
                  roles: A, B, C, D;
                  rec X {
                    C -> D: M0;
                    choice A {
                      b1: { A -> B: M1; continue X; }
                      b2: { A -> B: M2; }
                    }
                  }
                }""");
        List<Diagnostic> koc = c.diagnostics().stream().filter(d -> d.code().equals("E210")).toList();
        assertTrue(koc.stream().anyMatch(d -> d.message().contains("role 'C'")), c::render);
        assertTrue(koc.stream().anyMatch(d -> d.message().contains("role 'D'")), c::render);
        assertTrue(koc.stream().allMatch(d -> !d.related().isNone()), c::render);
    }

    @Test
    void bothBranchesContinuingKeepTheRecursion() {
        Compiler.Compilation c = compile("""
                choreography Sound { roles: A, B, C, D;
                  rec X { C -> D: M0; choice A { b1: { A -> B: M1; continue X; } b2: { A -> B: M2; continue X; } } }
                }""");
        assertFalse(c.hasErrors(), c::render);
        assertEquals("rec X.D!M0; X", c.protocol(null).print("C"));
    }

    @Test
    void knowledgeOfChoiceLooksThroughContinue() {
        Checker.Result r = check("""
                choreography K { roles: A, B;
                  rec X { A -> B: m; choice A { b1: { continue X; } b2: { A -> B: stop; } } }
                }""");
        assertTrue(r.report().ok() && r.oracle().ok(), r::toString);
    }

    @Test
    void sameLabelFromSameSenderOnEveryPathMerges() {
        Checker.Result r = check("""
                choreography K { roles: A, B, C;
                  choice A { l: { A -> B: x; B -> C: done; } r: { A -> B: y; B -> C: done; } }
                }""");
        assertTrue(r.report().ok() && r.oracle().ok(), r::toString);
    }

    @Test
    void unreachableStatementsAreErrors() {
        assertEquals(List.of("E214"), codes(compile("""
                choreography U { roles: A, B; rec X { A -> B: m; continue X; B -> A: n; } }""")));
        assertEquals(List.of("E214"), codes(compile("""
                choreography U { roles: A, B, C; rec X { A -> B: m; continue X; } B -> C: n; }""")));
    }

    @Test
    void starvationIsDetected() {
        CompiledProtocol looping = compile("choreography S { roles: A, B; rec X { A -> B: m; continue X; } }")
                .protocol(null);
        CompiledProtocol waiting = compile("choreography W { roles: A, C; A -> C: z; }").protocol(null);
        java.util.Map<String, io.choreo.projection.local.LocalType> participants = new java.util.LinkedHashMap<>();
        participants.put("A", looping.local("A"));
        participants.put("B", looping.local("B"));
        participants.put("C", waiting.local("C"));
        io.choreo.projection.check.DeadlockReport r = DeadlockChecker.explore(participants,
                DeadlockChecker.Options.DEFAULT);
        assertEquals(io.choreo.projection.check.DeadlockReport.Verdict.STARVATION, r.verdict(), r.describe());
        assertTrue(r.stuck().get(0).startsWith("C starves waiting for A?z"), r.describe());
        assertEquals(1, r.location().line(), r.describe());
    }

    @Test
    void sameLabelWithDifferentPayloadTypesDoesNotMerge() {
        Compiler.Compilation c = compile("""
                choreography P { roles: A, B, C;
                  choice A { l: { A -> C: go; A -> B: M(Int1); } r: { A -> C: stop; A -> B: M(Int2); } }
                }""");
        assertEquals(List.of("E210"), codes(c), c::render);
        assertTrue(c.diagnostics().get(0).message().contains("payload"), c::render);
    }

    @Test
    void identicalSendsMergeStructurally() {
        Checker.Result r = check("""
                choreography M { roles: A, B, C;
                  choice A {
                    b1: { A -> B: one; C -> B: Baz; B -> C: x; }
                    b2: { A -> B: two; C -> B: Baz; B -> C: y; }
                  }
                }""");
        assertTrue(r.report().ok() && r.oracle().ok(), r::toString);
        Checker.Result loop = check("""
                choreography L { roles: A, B, C;
                  rec L { A -> B: go; choice A { c1: { A -> C: x; continue L; } c2: { A -> C: y; continue L; } } }
                }""");
        assertTrue(loop.report().ok() && loop.oracle().ok(), loop::toString);
    }

    @Test
    void innerRecGuardsOuterContinue() {
        Compiler.Compilation c = compile("choreography G { roles: A, B; rec P { rec X { A -> B: m1; } continue P; } }");
        assertFalse(c.hasErrors(), c::render);
    }

    @Test
    void deadlocksPointAtALocation() {
        CompiledProtocol one = compile("choreography O {\n roles: A, B;\n A -> B: x;\n B -> A: y;\n}").protocol(null);
        CompiledProtocol two = compile("choreography T {\n roles: A, B;\n B -> A: y;\n A -> B: x;\n}").protocol(null);
        io.choreo.projection.check.DeadlockReport r = DeadlockChecker.explore(
                java.util.Map.of("A", two.local("A"), "B", one.local("B")), DeadlockChecker.Options.DEFAULT);
        assertEquals(io.choreo.projection.check.DeadlockReport.Verdict.DEADLOCK, r.verdict(), r.describe());
        assertEquals(3, r.location().line(), r.describe());
    }

    @Test
    void receivesFromDifferentSendersMergeWhenNoLaterMessageCanBeConfused() {
        Checker.Result r = check("""
                choreography R { roles: A, B, C;
                  choice A { l: { A -> B: l; B -> C: x; } r: { A -> B: r; A -> C: y; } }
                }""");
        assertTrue(r.report().ok() && r.oracle().ok(), r::toString);
        Compiler.Compilation ok = compile("""
                choreography R { roles: A, B, C;
                  choice A { l: { A -> B: l; B -> C: x; } r: { A -> B: r; A -> C: y; } }
                }""");
        assertEquals("&{l: B?x; end | r: A?y; end}", ok.protocol(null).print("C"));
        Compiler.Compilation racy = compile("""
                choreography R { roles: A, B, C;
                  choice A { l: { A -> B: l; B -> C: x; A -> C: y; } r: { A -> B: r; A -> C: y; } }
                }""");
        assertEquals(List.of("E210"), codes(racy), racy::render);
        assertTrue(racy.diagnostics().get(0).message().contains("could arrive first"), racy::render);
    }

    @Test
    void anArrayInstanceDecidesChoicesAndLoops() {
        Checker.Result r = check("""
                choreography Dec {
                  roles: L, W[3];
                  L -> W[*]: Task;
                  choice W[2] {
                    yes: { W[2] -> L: Accept; L -> W[*]: Go; }
                    no: { W[2] -> L: Reject; L -> W[*]: Stop; }
                  }
                  loop (decides: W[0]) { W[0] -> L: More; L -> W[0]: Work; }
                }""");
        assertTrue(r.report().ok() && r.oracle().ok(), r::toString);
        Compiler.Compilation others = compile("""
                choreography Others { roles: W[3];
                  loop (decides: W[0]) { W[0] -> W[1]: Ping; W[1] -> W[2]: Pass; }
                }""");
        assertEquals(List.of("E210"), codes(others), others::render);
        assertTrue(codes(compile("choreography A { roles: L, W[3]; choice W { a: { W[0] -> L: x; } "
                + "b: { W[0] -> L: y; } } }")).contains("E106"));
        assertTrue(codes(compile("choreography A { roles: L, W[3]; choice W[5] { a: { W[5] -> L: x; } "
                + "b: { W[5] -> L: y; } } }")).contains("E107"));
        var parsed = io.choreo.dsl.Dsl.parse("d.choreo", "choreography D { roles: L, W[3]; "
                + "loop (decides: W[1]) { W[1] -> L: More; } }");
        String printed = io.choreo.dsl.print.PrettyPrinter.print(parsed.file());
        assertTrue(printed.contains("loop (decides: W[1])"), printed);
        assertEquals(parsed.file(), io.choreo.dsl.Dsl.parse("again.choreo", printed).file());
    }

    static Stream<Path> corpus() {
        return TestCorpus.allFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusPassesTheOracle(Path file) throws Exception {
        Compiler.Compilation compilation = Compiler.compile(file);
        for (CompiledProtocol p : compilation.protocols()) {
            Checker.Result r = Checker.check(p, Bindings.none(), DeadlockChecker.Options.DEFAULT);
            assertFalse(r.hasErrors(), () -> file + ": " + r);
            assertTrue(r.oracle().kind() != Oracle.Kind.MISSING_BEHAVIOUR
                    && r.oracle().kind() != Oracle.Kind.EXTRA_BEHAVIOUR, () -> file + ": " + r.oracle());
            System.out.println(file.getFileName() + " " + p.name() + ": " + r.report().verdict() + " "
                    + r.report().states() + " states, oracle " + r.oracle());
        }
    }
}
