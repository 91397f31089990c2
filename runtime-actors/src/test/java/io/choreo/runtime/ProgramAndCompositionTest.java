package io.choreo.runtime;

import static io.choreo.runtime.RuntimeTestSupport.completed;
import static io.choreo.runtime.RuntimeTestSupport.example;
import static io.choreo.runtime.RuntimeTestSupport.failed;
import static io.choreo.runtime.RuntimeTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.DeadlockReport;
import io.choreo.runtime.compose.ParallelSessions;
import io.choreo.runtime.compose.Workflow;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.InMemoryCapabilities;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.program.Program;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ProgramAndCompositionTest {
    static final ActorTestKit kit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    static <V> Map<String, V> ordered(String k1, V v1, String k2, V v2) {
        Map<String, V> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    static Map<String, Program> negotiationPrograms() {
        return ordered(
                "Buyer", Program.start().send("Seller", "Offer").offer("Seller", ordered(
                        "accept", Program.start().recv("Seller", "Accept"),
                        "reject", Program.start().recv("Seller", "Reject"))).send("Seller", "Bye"),
                "Seller", Program.start().recv("Buyer", "Offer").choose(ordered(
                        "accept", Program.start().send("Buyer", "Accept"),
                        "reject", Program.start().send("Buyer", "Reject"))).recv("Buyer", "Bye"));
    }

    @Test
    void programsPrintInTheCanonicalNotation() {
        assertEquals("Seller!Offer; Seller&{accept: Seller?Accept; Seller!Bye; end | "
                + "reject: Seller?Reject; Seller!Bye; end}", negotiationPrograms().get("Buyer").toString());
        assertEquals("(B!Ping; B?Pong)^3; (B!X || C!Y); end", Program.start()
                .loop(3, Program.start().send("B", "Ping").recv("B", "Pong"))
                .parallel(Program.start().send("B", "X"), Program.start().send("C", "Y")).toString());
        assertThrows(IllegalArgumentException.class, () -> Program.start().offer("A",
                Map.of("x", Program.start().send("A", "X"))));
    }

    @Test
    void programsRunOnTheSameRuntime() {
        List<String> sellerLog = new ArrayList<>();
        SessionSpec spec = SessionSpec.ofPrograms("HandNegotiation", negotiationPrograms()).withTrace(true)
                .withTimeout(RuntimeTestSupport.SHORT)
                .withRoleHandlers(Map.of("Seller", () -> new RoleHandler() {
                    @Override
                    public String choose(ChoiceContext c) {
                        return "reject";
                    }

                    @Override
                    public void received(ReceiveContext r) {
                        sellerLog.add(r.label());
                    }
                }), RoleHandlers.defaults());
        SessionOutcome.SessionCompleted done = completed(run(kit, spec));
        assertEquals("HandNegotiation", done.protocol());
        assertEquals(List.of("Offer", "Reject", "Bye"), done.trace().stream().map(TraceEvent::label).toList());
        assertEquals(List.of("Offer", "Bye"), sellerLog);
    }

    @Test
    void handWrittenProgramsCanBeCheckedForDeadlocksBeforeRunning() {
        Map<String, Program> crossed = Map.of(
                "A", Program.start().recv("B", "Y").send("B", "X"),
                "B", Program.start().recv("A", "X").send("A", "Y"));
        Map<String, io.choreo.projection.local.LocalType> types = new LinkedHashMap<>();
        crossed.forEach((k, v) -> types.put(k, v.type()));
        DeadlockReport report = DeadlockChecker.explore(types, DeadlockChecker.Options.DEFAULT);
        assertEquals(DeadlockReport.Verdict.DEADLOCK, report.verdict());
        SessionError.SessionTimedOut timeout = assertInstanceOf(SessionError.SessionTimedOut.class,
                failed(run(kit, SessionSpec.ofPrograms("Crossed", crossed).withTrace(true).withTimeout(Duration.ofMillis(300))))
                        .cause(), "running it anyway ends in a typed timeout, not a hang");
        assertEquals(java.util.Set.of("A is waiting for B?Y", "B is waiting for A?X"),
                java.util.Set.copyOf(timeout.unfinished()), "each says what it waits for");
    }

    record Quote(int price) {
    }

    @Test
    void workflowFeedsPhaseResultsForwardAndAbortsOnFailure() {
        Workflow.Phase negotiate = new Workflow.Phase("negotiate", previous ->
                SessionSpec.of(example("negotiation.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                        .withRoleHandlers(Map.of("Seller", () -> new RoleHandler() {
                            @Override
                            public Object result() {
                                return new Quote(42);
                            }
                        }), RoleHandlers.defaults()));
        List<Object> seenByPhaseTwo = new ArrayList<>();
        Workflow.Phase settle = new Workflow.Phase("settle", previous -> {
            seenByPhaseTwo.add(previous.get(0).results().get("Seller"));
            return SessionSpec.of(example("secure.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT);
        });
        Workflow.Phase audit = new Workflow.Phase("audit", previous -> SessionSpec.of(example("comprehensive.choreo")).withTrace(true)
                .withTimeout(RuntimeTestSupport.SHORT)
                .withExtensions(Extensions.defaults().withCapabilities(new InMemoryCapabilities())));
        Workflow.Phase never = new Workflow.Phase("never", previous -> {
            throw new AssertionError("a phase after a failure must not run");
        });

        TestProbe<Workflow.Outcome> probe = kit.createTestProbe();
        kit.spawn(Workflow.create(List.of(negotiate, settle), probe.ref()));
        Workflow.Completed ok = assertInstanceOf(Workflow.Completed.class, probe.receiveMessage(Duration.ofSeconds(15)));
        assertEquals(2, ok.phases().size());
        assertEquals(List.of(new Quote(42)), seenByPhaseTwo);

        kit.spawn(Workflow.create(List.of(negotiate, audit, never), probe.ref()));
        Workflow.Failed failedFlow = assertInstanceOf(Workflow.Failed.class, probe.receiveMessage(Duration.ofSeconds(15)));
        assertEquals("audit", failedFlow.phase());
        assertEquals(1, failedFlow.completed().size());
        assertInstanceOf(SessionError.CapabilityDenied.class, failedFlow.cause());
    }

    @Test
    void parallelSessionsAggregateWithADeadline() {
        RoleHandler forever = new RoleHandler() {
            @Override
            public boolean continueLoop(LoopContext loop) {
                return true;
            }
        };
        List<SessionSpec> specs = List.of(
                SessionSpec.of(example("negotiation.choreo")).withTrace(true).withSessionId("quick-1"),
                SessionSpec.of(example("secure.choreo")).withTrace(true).withSessionId("quick-2"),
                SessionSpec.of(example("decision_loop.choreo")).withTrace(true).withSessionId("endless")
                        .withRoleHandlers(Map.of("Client", () -> forever), RoleHandlers.defaults()),
                SessionSpec.of(example("threshold.choreo")).withTrace(true).withSessionId("unbound"));
        TestProbe<ParallelSessions.Aggregate> probe = kit.createTestProbe();
        kit.spawn(ParallelSessions.create(specs, Duration.ofMillis(500), probe.ref()));
        ParallelSessions.Aggregate result = probe.receiveMessage(Duration.ofSeconds(10));
        assertEquals(List.of("endless"), result.timedOut());
        assertEquals(2, result.completed().size());
        assertEquals(1, result.failed().size());
        assertInstanceOf(SessionError.InvalidBindings.class, result.failed().get(0).cause());
        assertTrue(!result.allCompleted());
        assertEquals(List.of("quick-1", "quick-2", "unbound"), List.copyOf(result.outcomes().keySet()));
    }

    @Test
    void payloadsFlowThroughAWorkflowResult() {
        SessionSpec spec = SessionSpec.of(example("secure.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withRoleHandlers(Map.of(
                        "Client", () -> new RoleHandler() {
                            @Override
                            public Object payload(SendContext s) {
                                return new Quote(7);
                            }
                        },
                        "Server", () -> new RoleHandler() {
                            Object got;

                            @Override
                            public void received(ReceiveContext r) {
                                got = r.payload();
                            }

                            @Override
                            public Object result() {
                                return got;
                            }
                        }), RoleHandlers.defaults());
        assertEquals(new Quote(7), completed(run(kit, spec)).results().get("Server"));
    }
}
