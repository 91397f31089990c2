package io.choreo.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.ast.Expr;
import io.choreo.dsl.ast.Statement;
import io.choreo.dsl.eval.GuardEvaluator;
import io.choreo.dsl.eval.GuardException;
import io.choreo.dsl.print.PrettyPrinter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardEvaluatorTest {

    static Expr guard(String expression) {
        var c = ParserTest.parseOne("choreography G { roles: C, S; choice C { a when (" + expression
                + "): { C -> S: A; } b: { C -> S: B; } } }");
        return ((Statement.Choice) c.body().get(0)).branches().get(0).guard().orElseThrow();
    }

    @Test
    void comparesNumbersOfAnyJavaType() {
        Expr g = guard("balance > price");
        assertTrue(GuardEvaluator.test(g, Map.of("balance", 100, "price", 99.5)));
        assertFalse(GuardEvaluator.test(g, Map.of("balance", 10L, "price", 99)));
    }

    @Test
    void booleanOperatorsShortCircuit() {
        Expr g = guard("ok || missing > 1");
        assertTrue(GuardEvaluator.test(g, Map.of("ok", true)));
        assertThrows(GuardException.class, () -> GuardEvaluator.test(g, Map.of("ok", false)));
    }

    @Test
    void arithmeticAndEquality() {
        assertTrue(GuardEvaluator.test(guard("a + b * 2 == 7 && !(a % 2 == 0)"), Map.of("a", 3, "b", 2)));
        assertTrue(GuardEvaluator.test(guard("name == \"alice\" && -x < 0"), Map.of("name", "alice", "x", 4)));
        assertEquals(2.5, GuardEvaluator.evaluate(guard("x / 2.0"), Map.of("x", 5)));
    }

    @Test
    void typedErrorsNameThePosition() {
        GuardException missing = assertThrows(GuardException.class,
                () -> GuardEvaluator.test(guard("balance > price"), Map.of("balance", 1)));
        assertTrue(missing.getMessage().contains("'price' was not supplied"), missing.getMessage());
        assertTrue(missing.getMessage().contains("1:"), missing.getMessage());
        assertThrows(GuardException.class, () -> GuardEvaluator.test(guard("a + 1"), Map.of("a", 1)));
        assertThrows(GuardException.class, () -> GuardEvaluator.test(guard("a / 0 > 1"), Map.of("a", 1)));
        assertThrows(GuardException.class, () -> GuardEvaluator.test(guard("a && true"), Map.of("a", 1)));
    }

    record Order(long total, List<String> items, String customerName) {
    }

    /** A plain class read through a getter. */
    public static final class Queue {
        public List<Integer> getPending() {
            return List.of(1, 2);
        }
    }

    @Test
    void memberAccessOnRecordsMapsAndGetters() {
        Order order = new Order(150, List.of("a", "b"), "alice");
        assertTrue(GuardEvaluator.test(guard("order.total >= 100"), Map.of("order", order)));
        assertTrue(GuardEvaluator.test(guard("order.customer_name == \"alice\""), Map.of("order", order)));
        assertTrue(GuardEvaluator.test(guard("account.balance > 5"), Map.of("account", Map.of("balance", 6))));
        assertTrue(GuardEvaluator.test(guard("q.pending.size() == 2"), Map.of("q", new Queue())));
        // a flat variable named with a dot still works
        assertTrue(GuardEvaluator.test(guard("order.total > 1"), Map.of("order.total", 2)));
    }

    @Test
    void zeroArgumentCallsOnCollectionsMapsAndStrings() {
        Order order = new Order(0, List.of("x"), "");
        assertTrue(GuardEvaluator.test(guard("items.len() > 0"), Map.of("items", List.of(1))));
        assertTrue(GuardEvaluator.test(guard("!queue.is_empty()"), Map.of("queue", Set.of("j"))));
        assertTrue(GuardEvaluator.test(guard("votes.size() == 2"), Map.of("votes", Map.of("a", 1, "b", 2))));
        assertTrue(GuardEvaluator.test(guard("name.len() == 5 && order.items.len() == 1 && order.customer_name"
                + ".is_empty()"), Map.of("name", "alice", "order", order)));
        assertEquals("!queue.is_empty() && order.total >= 100",
                PrettyPrinter.expression(guard("!queue.is_empty() && order.total >= 100")));
    }

    @Test
    void memberAndCallMistakesAreTyped() {
        GuardException noMember = assertThrows(GuardException.class,
                () -> GuardEvaluator.test(guard("order.weight > 1"), Map.of("order", new Order(1, List.of(), ""))));
        assertTrue(noMember.getMessage().contains("no member 'weight'"), noMember.getMessage());
        GuardException unknown = assertThrows(GuardException.class,
                () -> GuardEvaluator.test(guard("items.first() > 1"), Map.of("items", List.of(1))));
        assertTrue(unknown.getMessage().contains("len(), size() and is_empty()"), unknown.getMessage());
        GuardException missing = assertThrows(GuardException.class,
                () -> GuardEvaluator.test(guard("items.len() > 1"), Map.of()));
        assertEquals(GuardException.Kind.MISSING_VARIABLE, missing.kind());
        GuardException type = assertThrows(GuardException.class,
                () -> GuardEvaluator.test(guard("balance > 1"), Map.of("balance", "abc")));
        assertEquals(GuardException.Kind.TYPE_MISMATCH, type.kind());
        assertThrows(GuardException.class, () -> GuardEvaluator.test(guard("n.len() > 1"), Map.of("n", 3)));
    }
}
