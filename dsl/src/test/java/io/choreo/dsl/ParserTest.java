package io.choreo.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.Choreography;
import io.choreo.dsl.ast.Destination;
import io.choreo.dsl.ast.Expr;
import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.ast.Statement;
import io.choreo.dsl.ast.TypeRef;
import io.choreo.dsl.print.PrettyPrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {

    static Choreography parseOne(String text) {
        ParseResult r = Dsl.parse("test.choreo", text);
        assertFalse(r.hasErrors(), r::render);
        assertEquals(1, r.file().choreographies().size());
        return r.file().choreographies().get(0);
    }

    static Statement.Interaction interaction(Choreography c, int i) {
        return assertInstanceOf(Statement.Interaction.class, c.body().get(i));
    }

    @Test
    void headerNamespaceAndBothKeywords() {
        ParseResult r = Dsl.parse("t", """
                #[namespace = "shop.orders"]
                protocol P { roles: A, B; A -> B: M; }
                choreography Q { roles: A, B; B -> A: N }
                """);
        assertFalse(r.hasErrors(), r::render);
        assertEquals("shop.orders", r.file().choreographies().get(0).namespace().orElseThrow());
        assertEquals("protocol", r.file().choreographies().get(0).keyword());
        assertEquals("choreography", r.file().choreographies().get(1).keyword());
        assertTrue(r.file().find("Q").isPresent());
    }

    @Test
    void wrapperIsAccepted() {
        ParseResult r = Dsl.parse("t", "choreography! { choreography W { roles: A, B; A -> B: M; } }");
        assertFalse(r.hasErrors(), r::render);
        assertTrue(r.file().wrapped());
        assertEquals("W", r.file().choreographies().get(0).name());
    }

    @Test
    void severalWrapperBlocksInOneFile() {
        ParseResult r = Dsl.parse("t", """
                choreography! {
                    #[namespace = "shop"]
                    choreography Order { roles: A, B; A -> B: M; }
                }
                choreography! {
                    #[namespace = "bank"]
                    choreography Pay { roles: C, D; C -> D: N; }
                }
                """);
        assertFalse(r.hasErrors(), r::render);
        assertTrue(r.file().wrapped());
        assertEquals(List.of("Order", "Pay"), r.file().choreographies().stream().map(Choreography::name).toList());
    }

    @Test
    void unterminatedSecondWrapperBlockIsReported() {
        ParseResult r = Dsl.parse("t", "choreography! { choreography A { roles: A, B; A -> B: M; } }\n"
                + "choreography! { choreography B { roles: C, D; C -> D: N; }");
        assertTrue(r.render().contains("E012"), r::render);
    }

    @Test
    void roleMultiplicities() {
        Choreography c = parseOne("""
                choreography R { roles: A, W[3], F[N], S[*];
                  A -> W[0]: X; A -> F[*]: Y; A -> S[0..2]: Z; }""");
        assertEquals(List.of(new RoleDecl.Multiplicity.Single(), new RoleDecl.Multiplicity.Fixed(3),
                        new RoleDecl.Multiplicity.Symbolic("N"), new RoleDecl.Multiplicity.Wildcard()),
                c.roles().stream().map(RoleDecl::multiplicity).toList());
    }

    @Test
    void roleReferenceForms() {
        Choreography c = parseOne("""
                choreography R { roles: L, F[N], S[*];
                  L -> F[*]: Proposal;
                  F[i] -> L: Vote;
                  L -> F[2]: One;
                  S[0..threshold] -> L: Share;
                  S[k..4] -> L: Late;
                  L ->* : Bye; }""");
        assertEquals(new RoleRef.Index.All(), ((RoleRef) interaction(c, 0).to()).index());
        assertEquals(new RoleRef.Index.Each("i"), interaction(c, 1).from().index());
        assertEquals(new RoleRef.Index.At(2), ((RoleRef) interaction(c, 2).to()).index());
        assertEquals(new RoleRef.Index.Range(new Bound.Literal(0), new Bound.Symbol("threshold")),
                interaction(c, 3).from().index());
        assertEquals(new RoleRef.Index.Range(new Bound.Symbol("k"), new Bound.Literal(4)),
                interaction(c, 4).from().index());
        assertInstanceOf(Destination.EveryoneElse.class, interaction(c, 5).to());
    }

    @Test
    void nestedGenericsAndQualifiedPathsAreKeptExactly() {
        Choreography c = parseOne("""
                choreography T { roles: A, B;
                  A -> B: Container<std::vec::Vec<String>>;
                  B -> A: Data<Vec<String>, HashMap<String, i32>>;
                  A -> B: Deep<Map<K, List<Map<a.b::C, V>>>>;
                  B -> A: Request<String>(payload_data);
                  A -> B: Plain(com.acme.Payload);
                }""");
        assertEquals("Container<std::vec::Vec<String>>", interaction(c, 0).message().toString());
        assertEquals("Data<Vec<String>, HashMap<String, i32>>", interaction(c, 1).message().toString());
        assertEquals("Deep<Map<K, List<Map<a.b::C, V>>>>", interaction(c, 2).message().toString());
        assertEquals(List.of(TypeRef.simple("String")), interaction(c, 3).message().typeArgs());
        assertEquals(List.of(TypeRef.simple("payload_data")), interaction(c, 3).message().payload());
        assertEquals("Plain", interaction(c, 4).message().label());
        assertEquals("com.acme.Payload", interaction(c, 4).message().payload().get(0).path());
    }

    @Test
    void annotationsAreTypedAndDefaultCostIs100() {
        Choreography c = parseOne("""
                choreography B { roles: S, R;
                  S[guard_capability = "cap", flow_cost = 200, journal_facts = "f1, f2", journal_merge = true] -> R: M(T);
                  S[guard_capability = "send"] -> R: D;
                  S -> R: Plain;
                }""");
        var a = interaction(c, 0).annotations();
        assertEquals("cap", a.guardCapability().orElseThrow());
        assertEquals(200, a.effectiveFlowCost());
        assertEquals(List.of("f1", "f2"), a.journalFacts());
        assertTrue(a.journalMerge());
        assertEquals(100, interaction(c, 1).annotations().effectiveFlowCost());
        assertEquals(0, interaction(c, 2).annotations().effectiveFlowCost());
    }

    @Test
    void indexedSenderWithAnnotations() {
        Choreography c = parseOne("choreography I { roles: W[2], M; W[1][flow_cost = 5] -> M: R; }");
        assertEquals(new RoleRef.Index.At(1), interaction(c, 0).from().index());
        assertEquals(5, interaction(c, 0).annotations().effectiveFlowCost());
    }

    @Test
    void guardsParseIntoAnExpressionTreeWithPrecedence() {
        Choreography c = parseOne("""
                choreography G { roles: C, S;
                  choice C {
                    buy when (balance > price && !blocked || vip == true): { C -> S: Buy; }
                    calc when (a + b * 2 >= 10 - c % 3): { C -> S: Calc; }
                    other: { C -> S: Cancel; }
                  } }""");
        Statement.Choice choice = assertInstanceOf(Statement.Choice.class, c.body().get(0));
        Expr g = choice.branches().get(0).guard().orElseThrow();
        Expr.Binary or = assertInstanceOf(Expr.Binary.class, g);
        assertEquals(Expr.BinaryOp.OR, or.op());
        Expr.Binary and = assertInstanceOf(Expr.Binary.class, or.left());
        assertEquals(Expr.BinaryOp.AND, and.op());
        assertInstanceOf(Expr.Unary.class, and.right());
        Expr.Binary ge = assertInstanceOf(Expr.Binary.class, choice.branches().get(1).guard().orElseThrow());
        assertEquals(Expr.BinaryOp.GE, ge.op());
        assertEquals("a + b * 2 >= 10 - c % 3", PrettyPrinter.expression(ge));
        assertTrue(choice.branches().get(2).guard().isEmpty());
    }

    @Test
    void parenthesesArePreservedWhereTheyMatter() {
        Choreography c = parseOne("choreography G { roles: C, S; choice C { a when ((x + 1) * 2 > 3): { C -> S: A; } "
                + "b: { C -> S: B; } } }");
        Statement.Choice choice = (Statement.Choice) c.body().get(0);
        assertEquals("(x + 1) * 2 > 3", PrettyPrinter.expression(choice.branches().get(0).guard().orElseThrow()));
    }

    @Test
    void loopsParallelRecAndCalls() {
        Choreography c = parseOne("""
                choreography L { roles: A, B;
                  protocol Ping { A -> B: Ping; B -> A: Pong; }
                  loop (count: 5) { A -> B: X; loop (count: N) { B -> A: Y; } }
                  loop (decides: A) { call Ping; }
                  parallel { A -> B: P1; } and { B -> A: P2; } | { A -> B: P3; }
                  rec R { A -> B: Again; continue R; }
                }""");
        Statement.Loop count = assertInstanceOf(Statement.Loop.class, c.body().get(0));
        assertEquals(new Statement.LoopKind.Count(new Bound.Literal(5)), count.kind());
        Statement.Loop inner = assertInstanceOf(Statement.Loop.class, count.body().get(1));
        assertEquals(new Statement.LoopKind.Count(new Bound.Symbol("N")), inner.kind());
        Statement.Loop decides = assertInstanceOf(Statement.Loop.class, c.body().get(1));
        assertInstanceOf(Statement.LoopKind.Decides.class, decides.kind());
        assertInstanceOf(Statement.Call.class, decides.body().get(0));
        assertEquals(3, assertInstanceOf(Statement.Parallel.class, c.body().get(2)).branches().size());
        Statement.Rec rec = assertInstanceOf(Statement.Rec.class, c.body().get(3));
        assertEquals(new Statement.Continue("R", io.choreo.dsl.source.Span.NONE), rec.body().get(1));
        assertEquals("Ping", c.subProtocols().get(0).name());
    }

    @Test
    void commentsAndOptionalSemicolons() {
        Choreography c = parseOne("""
                /* header
                   comment */
                choreography C { // roles next
                  roles: A, B
                  A -> B: One   // no semicolon
                  B -> A: Two;
                }""");
        assertEquals(2, c.body().size());
    }

    @Test
    void keywordsAreContextualSoTheyCanNameRolesAndLabels() {
        Choreography c = parseOne("""
                choreography K { roles: loop, choice;
                  loop -> choice: call;
                  choice loop { rec: { loop -> choice: parallel; } end: { loop -> choice: roles; } }
                }""");
        assertEquals("loop", interaction(c, 0).from().role());
        assertEquals("call", interaction(c, 0).message().label());
    }

    @Test
    void spansPointAtTheSource() {
        Choreography c = parseOne("choreography S {\n  roles: A, B;\n  A -> B: M;\n}");
        var span = interaction(c, 0).span();
        assertEquals(3, span.line());
        assertEquals(3, span.column());
    }
}
