package io.choreo.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.diagnostic.Diagnostic;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every error kind is reported with its code, file:line:col, a caret snippet and a hint. */
class DiagnosticsTest {

    static ParseResult parse(String text) {
        return Dsl.parse("bad.choreo", text);
    }

    static Diagnostic only(ParseResult r, String code) {
        List<Diagnostic> matching = r.errors().stream().filter(d -> d.code().equals(code)).toList();
        assertEquals(1, matching.size(), () -> "expected one " + code + " in:\n" + r.render());
        return matching.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            undefined role            | E102 | 2 | 8  | choreography C { roles: A, B;\\n  A -> Bee: M; }
            duplicate role            | E101 | 1 | 28 | choreography C { roles: A, A, B; A -> B: M; }
            unknown annotation key    | E040 | 1 | 33 | choreography C { roles: A, B; A[flow_costs = 1] -> B: M; }
            flow_cost as string       | E042 | 1 | 45 | choreography C { roles: A, B; A[flow_cost = "high"] -> B: M; }
            negative flow_cost        | E042 | 1 | 45 | choreography C { roles: A, B; A[flow_cost = -5] -> B: M; }
            guard_capability as int   | E042 | 1 | 52 | choreography C { roles: A, B; A[guard_capability = 3] -> B: M; }
            journal_merge as string   | E042 | 1 | 49 | choreography C { roles: A, B; A[journal_merge = "yes"] -> B: M; }
            duplicate annotation      | E041 | 1 | 48 | choreography C { roles: A, B; A[flow_cost = 1, flow_cost = 2] -> B: M; }
            unterminated block        | E007 | 1 | 41 | choreography C { roles: A, B; A -> B: M;
            unterminated choice       | E007 | 1 | 59 | choreography C { roles: A, B; choice A { x: { A -> B: M; }
            empty range               | E034 | 1 | 36 | choreography C { roles: A, S[*]; S[3..1] -> A: M; }
            index out of range        | E107 | 1 | 39 | choreography C { roles: A, W[3]; A -> W[3]: M; }
            range beyond array        | E107 | 1 | 34 | choreography C { roles: A, W[3]; W[0..4] -> A: M; }
            index on plain role       | E103 | 1 | 36 | choreography C { roles: A, B; A -> B[0]: M; }
            array without index       | E104 | 1 | 39 | choreography C { roles: A, F[N]; A -> F: M; }
            array decides choice      | E106 | 1 | 41 | choreography C { roles: A, F[N]; choice F { x: { A -> F[*]: M; } } }
            missing arrow             | E031 | 1 | 33 | choreography C { roles: A, B; A B: M; }
            bad index                 | E035 | 1 | 41 | choreography C { roles: A, F[N]; A -> F[-]: M; }
            unterminated string       | E002 | 1 | 15 | #[namespace = "abc
            unterminated comment      | E001 | 1 | 31 | choreography C { roles: A, B; /* never closed
            unknown character         | E003 | 1 | 33 | choreography C { roles: A, B; A @ B: M; }
            loop count zero           | E050 | 1 | 44 | choreography C { roles: A, B; loop (count: 0) { A -> B: M; } }
            unknown loop kind         | E053 | 1 | 37 | choreography C { roles: A, B; loop (while: A) { A -> B: M; } }
            one-branch parallel       | E054 | 1 | 31 | choreography C { roles: A, B; parallel { A -> B: M; } }
            unknown attribute         | E016 | 1 | 3  | #[author = "me"] choreography C { roles: A, B; A -> B: M; }
            bad namespace             | E017 | 1 | 15 | #[namespace = "not valid"] choreography C { roles: A, B; A -> B: M; }
            bad version               | E070 | 1 | 13 | #[version = "not valid"] choreography C { roles: A, B; A -> B: M; }
            no roles                  | E100 | 1 | 1  | choreography C { }
            nested roles              | E023 | 1 | 49 | choreography C { roles: A, B; loop (count: 2) { roles: C; } }
            duplicate sub-protocol    | E105 | 1 | 57 | choreography C { roles: A, B; protocol P { A -> B: M; } protocol P { B -> A: N; } }
            annotation on receiver    | E032 | 1 | 37 | choreography C { roles: A, B; A -> B[flow_cost = 1]: M; }
            two choreographies named  | E011 | 1 | 44 | choreography C { roles: A, B; A -> B: M; } choreography C { roles: A, B; A -> B: M; }
            empty file                | E014 | 1 | 16 | // nothing here
            """)
    void reportsEachErrorKindWithItsLocation(String kind, String code, int line, int column, String text) {
        ParseResult r = parse(text.replace("\\n", "\n"));
        Diagnostic d = only(r, code);
        assertEquals(line, d.span().line(), () -> kind + ": " + r.render());
        assertEquals(column, d.span().column(), () -> kind + ": " + r.render());
        assertTrue(d.hint() != null && !d.hint().isBlank(), kind + " has a hint");
        String rendered = r.render();
        assertTrue(rendered.contains("bad.choreo:" + line + ":" + column + ": error[" + code + "]"), rendered);
        assertTrue(rendered.contains("^"), rendered);
        assertTrue(rendered.contains("hint: "), rendered);
    }

    @Test
    void rendersCaretUnderTheOffendingText() {
        ParseResult r = parse("choreography N {\n    roles: Buyer, Seller;\n    Buyer -> Selle: Offer;\n}");
        assertEquals("""
                bad.choreo:3:14: error[E102]: undefined role 'Selle'
                    3 |     Buyer -> Selle: Offer;
                      |              ^^^^^
                  hint: did you mean 'Seller'? declared roles: Buyer, Seller
                """, r.render());
    }

    @Test
    void reportsSeveralErrorsAtOnceAndKeepsParsing() {
        ParseResult r = parse("""
                choreography C {
                    roles: A, B;
                    A -> Bx: One;
                    A[cost = 1] -> B: Two;
                    A -> : Three;
                    B -> A: Four;
                    Cx -> A: Five;
                }
                """);
        List<String> codes = r.errors().stream().map(Diagnostic::code).toList();
        assertEquals(List.of("E040", "E006", "E102", "E102"), codes, r::render);
        assertEquals(List.of(4, 5, 3, 7), r.errors().stream().map(d -> d.span().line()).toList());
        assertEquals(4, r.file().choreographies().get(0).body().size(), "the good statements are kept");
    }

    @Test
    void suggestsTheClosestAnnotationKey() {
        ParseResult r = parse("choreography C { roles: A, B; A[guard_capabilty = \"x\"] -> B: M; }");
        assertTrue(only(r, "E040").hint().startsWith("did you mean 'guard_capability'?"), r::render);
    }

    @Test
    void deepNestingIsADiagnosticNotAStackOverflow() {
        String deep = "choreography D { roles: A, B; " + "loop (count: 2) { ".repeat(5000) + "A -> B: M;"
                + " }".repeat(5000) + " }";
        ParseResult r = parse(deep);
        assertTrue(r.errors().stream().anyMatch(d -> d.code().equals("E004")), "nesting error reported");
        String deepExpr = "choreography D { roles: A, B; choice A { x when (" + "(".repeat(100_000) + "1"
                + "): { A -> B: M; } } }";
        assertTrue(parse(deepExpr).hasErrors());
    }

    @Test
    void binaryInputGetsOneDiagnostic() {
        byte[] bytes = new byte[200_000];
        new java.util.Random(7).nextBytes(bytes);
        ParseResult r = Dsl.parse("blob.choreo", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, r.diagnostics().size(), r::render);
        assertTrue(r.render().contains("error[E008]: blob.choreo is not a UTF-8 text file"), r::render);
        ParseResult nul = Dsl.parse("nul.choreo", "choreography A { roles: A, B; A -> B: M; }\0");
        assertTrue(nul.render().contains("(a NUL byte here)"), nul::render);
    }

    @Test
    void manyDiagnosticsAreCappedWithACount() {
        String text = "choreography A { roles: A, B; A -> B: M; }\n" + "$\n".repeat(300);
        ParseResult r = Dsl.parse("many.choreo", text);
        assertTrue(r.diagnostics().size() > 60, "many errors: " + r.diagnostics().size());
        String rendered = r.render();
        assertEquals(io.choreo.dsl.diagnostic.DiagnosticRenderer.MAX_SHOWN,
                rendered.lines().filter(l -> l.contains("error[")).count(), rendered);
        assertTrue(rendered.contains("many.choreo: and " + (r.diagnostics().size() - 50) + " more diagnostics"),
                rendered);
    }

    /** Protocol names are isolated per namespace: the same name in two namespaces is fine, twice in one is E011. */
    @Test
    void protocolNamesAreIsolatedPerNamespace() {
        ParseResult two = parse("""
                #[namespace = "admin_operations"]
                choreography AdminOperations { roles: A, B; A -> B: Grant; }
                #[namespace = "user_operations"]
                choreography AdminOperations { roles: A, B; A -> B: Ask; }
                choreography AdminOperations { roles: A, B; A -> B: Plain; }
                """);
        assertTrue(two.diagnostics().isEmpty(), two.render());
        assertEquals(List.of("admin_operations.AdminOperations", "user_operations.AdminOperations", "AdminOperations"),
                two.file().choreographies().stream().map(io.choreo.dsl.ast.Choreography::qualifiedName).toList());
        ParseResult twice = parse("""
                #[namespace = "ops"]
                choreography P { roles: A, B; A -> B: M; }
                #[namespace = "ops"]
                choreography P { roles: A, B; A -> B: N; }
                """);
        Diagnostic d = only(twice, "E011");
        assertEquals("choreography 'P' is declared twice in namespace 'ops'", d.message());
    }
}
