package io.choreo.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.ExampleHandlers;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.simulation.net.FaultPlan;
import io.choreo.simulation.net.NetEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** No simulated run can hang: the virtual timeout ends it, and a step limit bounds it. Each run is under 3 s. */
class SimulatorBoundsTest {
    static final Simulator simulator = Simulator.create();

    @AfterAll
    static void close() {
        simulator.close();
    }

    static final String REC = io.choreo.dsl.TestCorpus.POLL;

    static CompiledProtocol rec() {
        return Compiler.compile("poll.choreo", REC).protocol(null);
    }

    /** A decider that never stops. */
    static final RoleHandlers FOREVER = RoleHandlers.perRole(Map.of("A", () -> new RoleHandler() {
        @Override
        public String choose(ChoiceContext choice) {
            return "again";
        }
    }), RoleHandlers.defaults());

    @Test
    void aRecursionThatNeverEndsIsEndedByTheVirtualTimeout() {
        SimulationResult r = simulator.run(rec(), Bindings.none(), FOREVER, Extensions.defaults(),
                FaultPlan.none(1), Duration.ofMillis(300));
        assertEquals("SessionTimedOut", r.outcome(), r.cause() + " after " + r.steps() + " steps");
        assertTrue(r.virtualMillis() >= 300 && r.virtualMillis() < 6_000, "virtual " + r.virtualMillis());
        assertTrue(r.steps() < 10_000, "steps " + r.steps());
        assertTrue(r.violations().isEmpty(), r.violations().toString());
    }

    @Test
    void theStepLimitEndsARunAsAHang() {
        try (Simulator small = Simulator.create(50)) {
            SimulationResult r = small.run(rec(), Bindings.none(), FOREVER, Extensions.defaults(),
                    FaultPlan.none(1), Duration.ofSeconds(30));
            assertTrue(r.hung(), r.outcome());
            assertTrue(r.cause().contains("limit 50"), r.cause());
        }
    }

    @Test
    void exampleHandlersEndARecursionAfterTheIterations() {
        SimulationResult r = simulator.run(rec(), Bindings.none(), new ExampleHandlers(Map.of(), 2),
                Extensions.defaults(), FaultPlan.none(1), Duration.ofSeconds(30));
        assertEquals("completed", r.outcome(), r.cause());
        assertEquals(5, r.trace().size(), r.trace().toString());
    }

    @Test
    void partitionWindowsAreVirtualMillisecondsOfTheRun() {
        FaultPlan healing = FaultPlan.parse(3, "partition=A@0-300");
        SimulationResult r = simulator.run(rec(), Bindings.none(), new ExampleHandlers(Map.of(), 1),
                Extensions.defaults(), healing, Duration.ofSeconds(30));
        assertEquals("completed", r.outcome(), r.cause());
        assertTrue(r.network().stream().anyMatch(e -> e.kind() == NetEvent.Kind.PARTITIONED));
        assertTrue(r.network().stream().filter(e -> e.kind() == NetEvent.Kind.PARTITIONED)
                .allMatch(e -> e.atMillis() < 300), r.network().toString());
        assertTrue(healing.preventsCompletion(30_000).isEmpty());

        FaultPlan never = FaultPlan.parse(3, "partition=A@0-1000000");
        SimulationResult cut = simulator.run(rec(), Bindings.none(), new ExampleHandlers(Map.of(), 1),
                Extensions.defaults(), never, Duration.ofSeconds(2));
        assertEquals("SessionTimedOut", cut.outcome(), cut.cause());
        assertTrue(never.preventsCompletion(2_000).orElseThrow().contains("does not heal"));
    }

    @Test
    void faultPlanMistakesAreSentences() {
        assertEquals("partition window 400-100 must start at 0 or later and end after it starts (virtual "
                        + "milliseconds, e.g. partition=A+B@100-400)",
                assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(1, "partition=A+B@400-100"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(1, "delay=-5"))
                .getMessage().startsWith("delay must be a positive number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(1, "delay=0"))
                .getMessage().startsWith("delay must be a positive number"));
        assertEquals("delay must be a number of virtual milliseconds, e.g. delay=50, not 'abc'",
                assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(1, "delay=abc")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(1, "crash=Leader@x"))
                .getMessage().contains("not 'x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(1, "crash=Leader@-1"))
                .getMessage().contains("0 or more"));
        assertEquals(java.util.Set.of("A", "B", "Leader", "Seller"), FaultPlan.parse(1,
                "crash=Leader@1,journal=Seller@2,partition=A+B@1-2").participantsNamed());
    }
}
