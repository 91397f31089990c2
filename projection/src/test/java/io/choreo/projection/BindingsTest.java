package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.BindingNames;
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

    /**
     * Every example: a binding to a name the protocol does not declare is reported by name at binding time (with
     * everything else bound as a session would), never silently ignored.
     */
    @Test
    void bindingsToUndeclaredNamesAreReportedForEveryExample() throws Exception {
        int checked = 0;
        for (java.nio.file.Path file : io.choreo.dsl.TestCorpus.exampleFiles()) {
            Compiler.Compilation c = Compiler.compile(file);
            if (c.hasErrors()) {
                continue;
            }
            for (CompiledProtocol p : c.protocols()) {
                Bindings good = ResolvedBindings.withDefaults(p.global(), Bindings.none(), 3, 1).bindings();
                BindingNames names = BindingNames.of(p.global());
                String plain = names.plain().stream().sorted().findFirst().orElse("Nope");
                for (Bindings bad : List.of(good.bindRoleCount("Nope", 7), good.bindSymbol("zzz", 3),
                        good.bindInstances("Nope", List.of("x", "y")), good.bindRoleCount(plain, 2))) {
                    BindingException e = assertThrows(BindingException.class,
                            () -> ResolvedBindings.resolve(p.global(), bad), file + " " + p.name() + " " + bad);
                    assertTrue(e.getMessage().contains("no role array 'Nope'") || e.getMessage().contains(
                            "no symbol 'zzz'") || e.getMessage().contains(plain + " is a single role"),
                            file + ": " + e.getMessage());
                }
                assertEquals(good, BindingNames.of(p.global()).applicable(good.bindRoleCount("Nope", 7)
                        .bindSymbol("zzz", 3)), "a file's bindings for other protocols are left out");
                checked++;
            }
        }
        assertTrue(checked >= 20, "checked " + checked + " protocols");
    }
}
