package io.choreo.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.ast.Expr;
import io.choreo.dsl.ast.Statement;
import io.choreo.dsl.eval.GuardEvaluator;
import io.choreo.dsl.eval.GuardException;
import java.util.Map;
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
}
