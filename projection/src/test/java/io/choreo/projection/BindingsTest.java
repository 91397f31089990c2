package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.local.Instantiation;
import io.choreo.projection.local.LocalTypePrinter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Concrete instantiation once counts are bound, and binding-time errors. */
class BindingsTest {

    @Test
    void thresholdInstancesGetTheirOwnConcreteTypes() throws Exception {
        CompiledProtocol p = ProjectionGoldenTest.example("threshold.choreo");
        ResolvedBindings b = ResolvedBindings.resolve(p.global(),
                Bindings.none().bindRoleCount("Signers", 4).bindSymbol("threshold", 2));
        assertEquals("Signers[0]!Request; Signers[1]!Request; Signers[2]!Request; Signers[3]!Request; "
                        + "Signers[0]?Response; Signers[1]?Response; end",
                LocalTypePrinter.print(Instantiation.concrete(p.local("Coordinator"), b, Optional.empty())));
        assertEquals("Coordinator?Request; Coordinator!Response; end",
                LocalTypePrinter.print(Instantiation.concrete(p.local("Signers"), b, Optional.of(1))));
        assertEquals("Coordinator?Request; end",
                LocalTypePrinter.print(Instantiation.concrete(p.local("Signers"), b, Optional.of(3))));
    }

    @Test
    void namedInstancesBindTheCount() throws Exception {
        CompiledProtocol p = ProjectionGoldenTest.example("consensus.choreo");
        ResolvedBindings b = ResolvedBindings.resolve(p.global(),
                Bindings.none().bindInstances("Followers", List.of("alice", "bob", "carol")));
        assertEquals(3, b.count("Followers"));
        assertEquals(3, b.symbols().get("N"));
    }

    @Test
    void unboundSymbolsAndOutOfRangeAreErrorsAtBindingTime() throws Exception {
        CompiledProtocol threshold = ProjectionGoldenTest.example("threshold.choreo");
        BindingException unbound = assertThrows(BindingException.class, () -> ResolvedBindings.resolve(
                threshold.global(), Bindings.none()));
        assertTrue(unbound.getMessage().contains("Signers[*] is not bound"), unbound.getMessage());
        BindingException symbol = assertThrows(BindingException.class, () -> ResolvedBindings.resolve(
                threshold.global(), Bindings.none().bindRoleCount("Signers", 3)));
        assertTrue(symbol.getMessage().contains("symbol 'threshold' is not bound"), symbol.getMessage());
        BindingException range = assertThrows(BindingException.class, () -> ResolvedBindings.resolve(
                threshold.global(), Bindings.none().bindRoleCount("Signers", 3).bindSymbol("threshold", 5)));
        assertTrue(range.getMessage().contains("does not fit 3 instances"), range.getMessage());

        CompiledProtocol indexed = ProjectionGoldenTest.compile(
                "choreography I { roles: A, F[N]; A -> F[4]: M; }");
        BindingException outOfRange = assertThrows(BindingException.class, () -> ResolvedBindings.resolve(
                indexed.global(), Bindings.none().bindSymbol("N", 2)));
        assertTrue(outOfRange.getMessage().contains("index F[4] is out of range for 2 instances"),
                outOfRange.getMessage());
    }

    @Test
    void symbolicLoopCountsBecomeLiterals() {
        CompiledProtocol p = ProjectionGoldenTest.compile(
                "choreography L { roles: A, B; loop (count: rounds) { A -> B: Ping; } }");
        ResolvedBindings b = ResolvedBindings.resolve(p.global(), Bindings.none().bindSymbol("rounds", 3));
        assertEquals("(B!Ping)^3; end",
                LocalTypePrinter.print(Instantiation.concrete(p.local("A"), b, Optional.empty())));
        assertThrows(BindingException.class, () -> ResolvedBindings.resolve(p.global(),
                Bindings.none().bindSymbol("rounds", 0)));
    }
}
