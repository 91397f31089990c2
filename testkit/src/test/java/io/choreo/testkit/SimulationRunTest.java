package io.choreo.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.Choreo;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.handler.SendContext;
import io.choreo.simulation.SimulationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

/**
 * The simulator from a test, through the JUnit extension (one kit for the class): 10 simulated runs of a two- and a
 * three-participant protocol, about 3 s.
 */
@ExtendWith(ChoreoTestKitExtension.class)
class SimulationRunTest {
    static final CompiledProtocol ORDERING = Choreo.load("/protocols/ordering.choreo");

    /** Customer orders; the shop has stock. */
    static final RoleHandlers SHOP = (role, participant, name) -> role.equals("Customer") ? new RoleHandler() {
        @Override
        public Object payload(SendContext send) {
            return new Order("book", 1);
        }
    } : new RoleHandler() {
        @Override
        public Map<String, ?> guardVariables(ChoiceContext choice) {
            return Map.of("stock", 3);
        }

        @Override
        public Object payload(SendContext send) {
            return "ok";
        }
    };

    @Test
    void aSeedAndAFaultPlanGiveTheSameRunEveryTime(ChoreoTestKit kit) {
        SimulationRun run = kit.simulate(ORDERING).handlers(SHOP).faults("drop=0.3,dup=0.2,delay=20").seed(7);
        SimulationResult first = run.assertCompleted();
        SimulationResult again = run.assertCompleted();
        assertEquals(first.network(), again.network());
        assertEquals(List.of("PlaceOrder", "Confirmed"), first.trace().stream().map(e -> e.label()).toList());
        assertNotEquals(first.network(), run.seed(8).run().network(), "another seed, another run");
    }

    @Test
    void crashesAndDropsAcrossASweepOfSeedsAllPassTheChecks(ChoreoTestKit kit) {
        List<SimulationResult> runs = kit.simulate(Choreo.load("/protocols/polling.choreo"))
                .handlers(new io.choreo.runtime.handler.ExampleHandlers(Map.of(), 1))
                .bindings(Bindings.none().bindRoleCount("Workers", 2))
                .faults("drop=0.1,crash=Leader@3").assertOkForSeeds(1, 3);
        assertEquals(3, runs.size());
        assertTrue(runs.stream().allMatch(SimulationResult::completed));
    }

    @Test
    void aFailingRunNamesItsSeedAndHowToReplayIt(ChoreoTestKit kit) {
        RoleHandlers noStock = (role, participant, name) -> role.equals("Shop") ? new RoleHandler() {
            @Override
            public Map<String, ?> guardVariables(ChoiceContext choice) {
                return Map.of("stock", 0);
            }

            @Override
            public String choose(ChoiceContext choice) {
                return "accept";
            }
        } : SHOP.create(role, participant, name);
        SimulationRun run = kit.simulate(ORDERING).handler("Customer", () -> SHOP.create("Customer", "Customer",
                "Customer")).handler("Shop", () -> noStock.create("Shop", "Shop", "Shop")).seed(3);
        assertEquals("GuardFailed", run.assertOk().outcome(), "a typed failure passes the checks");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, run::assertCompleted);
        assertTrue(e.getMessage().startsWith("Ordering with seed 3 and faults '': GuardFailed ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("rerun with `choreo simulate FILE --seed 3 --faults `"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> run.faults("drop=2"));
        assertTrue(bad.getMessage().contains("drop"), bad.getMessage());
    }
}
