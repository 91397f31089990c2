package io.choreo.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.TestCorpus;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.ExampleHandlers;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.simulation.net.FaultPlan;
import io.choreo.simulation.net.NetEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    static final Simulator simulator = Simulator.create();
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final RoleHandlers handlers = new ExampleHandlers(Map.of(), 3);

    @AfterAll
    static void close() {
        simulator.close();
    }

    static CompiledProtocol example(String file) throws Exception {
        return Compiler.compile(TestCorpus.examples().resolve(file)).protocol(null);
    }

    static SimulationResult run(String file, Bindings b, FaultPlan plan) throws Exception {
        return simulator.run(example(file), b, handlers, Extensions.defaults(), plan, TIMEOUT);
    }

    @Test
    void aCleanRunCompletesAndPassesEveryCheck() throws Exception {
        SimulationResult r = run("hierarchical.choreo", Bindings.none(), FaultPlan.none(1));
        assertEquals("completed", r.outcome(), r.toString());
        assertTrue(r.violations().isEmpty(), r.violations().toString());
        assertEquals(8, r.trace().size());
    }

    @Test
    void theSameSeedGivesTheSameTrace() throws Exception {
        FaultPlan plan = FaultPlan.parse(42, "drop=0.2,dup=0.1,reorder=0.3,delay=40");
        Bindings five = Bindings.none().bindRoleCount("Followers", 5);
        SimulationResult first = run("consensus.choreo", five, plan);
        SimulationResult second = run("consensus.choreo", five, plan);
        assertEquals(first.network(), second.network(), "identical network traces");
        assertEquals(first.trace(), second.trace());
        assertEquals(first.steps(), second.steps());
        SimulationResult other = run("consensus.choreo", five, plan.withSeed(43));
        assertNotEquals(first.network(), other.network(), "another seed, another run");
        FaultPlan harsh = FaultPlan.parse(8, "drop=0.2,reorder=0.5,crash=Leader@3,journal=Followers[1]@5");
        List<NetEvent> reference = run("consensus.choreo", five, harsh).network();
        for (int i = 0; i < 10; i++) {
            assertEquals(reference, run("consensus.choreo", five, harsh).network(),
                    "crashes and journal failures replay identically too");
        }
    }

    @Test
    void tenPercentDropStillCompletesThroughRedelivery() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            SimulationResult r = run("decision_loop.choreo", Bindings.none(), FaultPlan.parse(seed, "drop=0.1"));
            assertEquals("completed", r.outcome(), "seed " + seed + ": " + r.cause());
            assertTrue(r.violations().isEmpty(), r.violations().toString());
        }
        SimulationResult lossy = run("decision_loop.choreo", Bindings.none(), FaultPlan.parse(7, "drop=0.3"));
        assertTrue(lossy.network().stream().anyMatch(e -> e.kind() == NetEvent.Kind.DROPPED), "drops happened");
        assertEquals("completed", lossy.outcome());
    }

    @Test
    void aCrashMidProtocolRecoversThroughPersistence() throws Exception {
        SimulationResult r = run("decision_loop.choreo", Bindings.none(),
                FaultPlan.parse(5, "crash=Server@4,crash=Client@9"));
        assertEquals("completed", r.outcome(), r.cause());
        assertTrue(r.violations().isEmpty(), r.violations().toString());
        assertEquals(2, r.network().stream().filter(e -> e.kind() == NetEvent.Kind.CRASHED).count());
        assertEquals(7, r.trace().size(), "3 rounds of Request/Response and Done, none repeated: " + r.trace());
    }

    @Test
    void journalWriteFailuresAreRetriedByRestartingWithBackoff() throws Exception {
        SimulationResult r = run("auditable.choreo", Bindings.none(),
                FaultPlan.parse(3, "journal=Coordinator@0,journal=Participant@3"));
        assertEquals("completed", r.outcome(), r.cause());
        assertTrue(r.violations().isEmpty(), r.violations().toString());
        assertTrue(r.virtualMillis() > 0, "backoff took virtual time");
    }

    @Test
    void aPartitionThatNeverHealsEndsInATypedTimeoutNotAHang() throws Exception {
        SimulationResult r = simulator.run(example("negotiation.choreo"), Bindings.none(), handlers,
                Extensions.defaults(), FaultPlan.parse(9, "partition=Buyer@0-999999999"), Duration.ofSeconds(3));
        assertEquals("SessionTimedOut", r.outcome(), r.toString());
        assertFalse(r.hung());
        assertTrue(r.network().stream().anyMatch(e -> e.kind() == NetEvent.Kind.PARTITIONED));
    }

    @Test
    void reportsRenderTextJsonAndMermaid() throws Exception {
        SimulationResult r = run("negotiation.choreo", Bindings.none(), FaultPlan.parse(11, "drop=0.3,crash=Seller@2"));
        String text = io.choreo.simulation.report.SimulationReport.text(r);
        assertTrue(text.startsWith("Negotiation seed 11: completed"), text);
        String mermaid = io.choreo.simulation.report.SimulationReport.mermaid(r);
        assertTrue(mermaid.startsWith("sequenceDiagram"), mermaid);
        assertTrue(mermaid.contains("Buyer->>Seller: Offer #1"), mermaid);
        assertTrue(mermaid.contains("Note over Seller: crash and restart"), mermaid);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                io.choreo.simulation.report.SimulationReport.json(r));
        assertEquals(11, json.get("seed").asLong());
        assertEquals("completed", json.get("outcome").asText());
        assertTrue(json.get("network").size() > 2);
        assertEquals(mermaid, json.get("mermaid").asText());
    }

    @Test
    void aSweepOverManySeedsHasNoHangsAndNoViolations() throws Exception {
        CompiledProtocol consensus = example("consensus.choreo");
        Bindings three = Bindings.none().bindRoleCount("Followers", 3);
        io.choreo.simulation.report.Sweep sweep = io.choreo.simulation.report.Sweep.run(consensus.name(), 1, 1000,
                seed -> simulator.run(consensus, three, handlers, Extensions.defaults(),
                        FaultPlan.parse(seed, "drop=0.1,dup=0.05,reorder=0.2,delay=30,crash=Leader@6"), TIMEOUT),
                r -> { });
        assertEquals(0, sweep.hangs(), sweep.summary());
        assertEquals(0, sweep.withViolations(), sweep.summary());
        assertEquals(Map.of("completed", 1000), sweep.outcomes(), sweep.summary());
    }
}
