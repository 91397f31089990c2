package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.TestCorpus;
import io.choreo.dsl.diagnostic.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each projection and validation error, with its location. */
class ValidationTest {

    static Compiler.Compilation compile(String text) {
        return Compiler.compile("bad.choreo", text);
    }

    static Diagnostic only(Compiler.Compilation c, String code) {
        List<Diagnostic> found = c.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
        assertEquals(1, found.size(), () -> "expected one " + code + ":\n" + c.render());
        return found.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            self-send                | E201 | 1 | 31 | choreography C { roles: A, B; A -> A: M; B -> A: N; }
            array self-send          | E201 | 1 | 34 | choreography C { roles: A, F[N]; F[i] -> F[*]: M; A -> F[*]: N; }
            empty branch             | E202 | 1 | 42 | choreography C { roles: A, B; choice A { x: { } y: { A -> B: M; } } }
            duplicate branch label   | E203 | 1 | 60 | choreography C { roles: A, B; choice A { x: { A -> B: M; } x: { A -> B: N; } } }
            chooser does not act     | E208 | 1 | 47 | choreography C { roles: A, B; choice A { x: { B -> A: M; } y: { A -> B: N; } } }
            unguarded rec            | E204 | 1 | 39 | choreography C { roles: A, B; rec L { continue L; } A -> B: M; }
            continue outside rec     | E205 | 1 | 31 | choreography C { roles: A, B; continue L; A -> B: M; }
            parallel conflict        | E209 | 1 | 61 | choreography C { roles: A, B; parallel { A -> B: M; } and { A -> B: M; } }
            undefined sub-protocol   | E206 | 1 | 31 | choreography C { roles: A, B; call Missing; A -> B: M; }
            recursive sub-protocol   | E207 | 1 | 44 | choreography C { roles: A, B; protocol P { call P; A -> B: M; } call P; }
            continue out of parallel | E212 | 1 | 61 | choreography C { roles: A, B; rec L { A -> B: M; parallel { continue L; } and { B -> A: N; } } }
            """)
    void reportsEachError(String kind, String code, int line, int column, String text) {
        Compiler.Compilation c = compile(text);
        assertTrue(c.hasErrors(), kind);
        Diagnostic d = only(c, code);
        assertEquals(line + ":" + column, d.span().position(), () -> kind + "\n" + c.render());
        assertTrue(c.render().contains("hint: "));
    }

    @Test
    void knowledgeOfChoiceNamesTheRoleAndBothLocations() {
        Compiler.Compilation c = compile("""
                choreography K { roles: A, B, C;
                  choice A {
                    x: { A -> B: X; B -> C: Info; }
                    y: { A -> B: Y; }
                  }
                }""");
        Diagnostic d = only(c, "E210");
        assertTrue(d.message().contains("role 'C'"), d.message());
        assertTrue(d.message().contains("branch 'x'") && d.message().contains("branch 'y'"), d.message());
        assertEquals(3, d.span().line());
        assertEquals(4, d.related().line());
        assertTrue(c.render().contains("note: see also bad.choreo:4:"), c.render());
    }

    @Test
    void knowledgeOfChoiceWhenFirstMessagesFromDifferentRolesCanBeConfused() {
        Compiler.Compilation c = compile("""
                choreography K { roles: A, B, C;
                  choice A {
                    x: { A -> B: X; B -> C: Info; A -> C: Y2; }
                    y: { A -> B: Y; A -> C: Y2; }
                  }
                }""");
        Diagnostic d = only(c, "E210");
        assertTrue(d.message().contains("different roles"), d.message());
    }

    @Test
    void sameFirstLabelWithDifferentContinuationsIsAmbiguous() {
        Compiler.Compilation c = compile("""
                choreography K { roles: A, B;
                  choice A {
                    x: { A -> B: Go; B -> A: Yes; }
                    y: { A -> B: Go; A -> B: More; }
                  }
                }""");
        Diagnostic d = only(c, "E210");
        assertTrue(d.message().contains("sends Yes to A") && d.message().contains("receives More from A"),
                d.message());
    }

    @Test
    void unusedRolesAreErrorsAndUnusedInstancesWarnings() throws Exception {
        Compiler.Compilation c = Compiler.compile(TestCorpus.examples().resolve("static_workers.choreo"));
        assertFalse(c.hasErrors(), c::render);
        Diagnostic w = only(c, "W202");
        assertTrue(w.message().contains("Worker[2]"), w.message());
        Compiler.Compilation unused = compile("choreography U { roles: A, B, Idle; A -> B: M; }");
        assertTrue(unused.hasErrors());
        Diagnostic e = only(unused, "E213");
        assertTrue(e.message().contains("Idle") && e.isError(), e.message());
    }

    @Test
    void severalErrorsAreReportedTogether() {
        Compiler.Compilation c = compile("""
                choreography S { roles: A, B;
                  A -> A: One;
                  choice A { x: { B -> A: Two; } x: { A -> B: Three; } }
                  continue Nowhere;
                }""");
        assertEquals(List.of("E201", "E203", "E208", "E205"),
                c.diagnostics().stream().map(Diagnostic::code).toList(), c::render);
    }

    @Test
    void structuralErrorsAreReportedWithNameErrors() {
        Compiler.Compilation c = compile("choreography N { roles: A, B; A -> Bogus: M; B -> B: Self; "
                + "rec X { A -> B: M; continue X; } A -> B: After; }");
        List<String> codes = c.diagnostics().stream().map(Diagnostic::code).toList();
        assertTrue(codes.stream().anyMatch(code -> code.startsWith("E1")), c::render);
        assertTrue(codes.contains("E201") && codes.contains("E214"), c::render);
    }

    /** Qualified names pick a protocol among same-named ones of several namespaces; a plain name must be unique. */
    @Test
    void qualifiedNamesChooseAmongNamespaces() {
        Compiler.Compilation c = Compiler.compile("ns.choreo", TestCorpus.TWO_NAMESPACES + """
                #[namespace = "user_operations"]
                choreography Other { roles: A, B; A -> B: Hi; }
                """);
        assertFalse(c.hasErrors(), c::render);
        assertEquals("A: B!Grant; end",
                "A: " + c.protocol("admin_operations.AdminOperations").print("A"));
        assertEquals("A: B!Ask; end",
                "A: " + c.protocol("user_operations.AdminOperations").print("A"));
        assertEquals("Other", c.protocol("Other").name());
        assertEquals("Other", c.protocol("user_operations.Other").name());
        IllegalArgumentException ambiguous = assertThrows(
                IllegalArgumentException.class, () -> c.protocol("AdminOperations"));
        assertEquals("choreography 'AdminOperations' is declared in several "
                + "namespaces; name one of [admin_operations.AdminOperations, user_operations.AdminOperations]",
                ambiguous.getMessage());
        IllegalArgumentException none = assertThrows(
                IllegalArgumentException.class, () -> c.protocol("admin_operations.Other"));
        assertTrue(none.getMessage().contains("no choreography "
                + "'admin_operations.Other'"), none.getMessage());
    }
}
