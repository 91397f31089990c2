package io.choreo.runtime;

import static io.choreo.runtime.RuntimeTestSupport.SHORT;
import static io.choreo.runtime.RuntimeTestSupport.compile;
import static io.choreo.runtime.RuntimeTestSupport.completed;
import static io.choreo.runtime.RuntimeTestSupport.example;
import static io.choreo.runtime.RuntimeTestSupport.failed;
import static io.choreo.runtime.RuntimeTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.ExampleHandlers;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import io.choreo.runtime.session.TraceEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Bad input to the runtime gets a typed error, never a dead actor system or a silent accept. */
class HardeningTest {
    static final ActorTestKit kit = ActorTestKit.create("hardening", ConfigFactory.parseString(
            "choreo.runtime.trace-limit = 5").withFallback(ConfigFactory.load("application-test")));

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    static final String GUARDED = """
            choreography Guarded {
                roles: C, S;
                choice C {
                    a when (x > 1): { C -> S: A; }
                    b when (x > 5): { C -> S: B; }
                }
            }""";

    /** A handler that picks {@code label} whatever the guards say, with {@code x} as its guard variable. */
    static RoleHandler picking(String label, int x) {
        return new RoleHandler() {
            @Override
            public Map<String, ?> guardVariables(ChoiceContext choice) {
                return Map.of("x", x);
            }

            @Override
            public String choose(ChoiceContext choice) {
                return label;
            }
        };
    }

    @Test
    void noGuardHoldingIsNoBranchEnabledNamingRoleLineAndValues() {
        for (RoleHandlers handlers : List.of(new ExampleHandlers(Map.of("x", 0), 2),
                RoleHandlers.perRole(Map.of("C", () -> picking("b", 0)), RoleHandlers.defaults()))) {
            SessionSpec spec = SessionSpec.of(compile(GUARDED)).withTrace(true).withTimeout(SHORT).withHandlers(handlers);
            SessionError.NoBranchEnabled cause = assertInstanceOf(SessionError.NoBranchEnabled.class,
                    failed(run(kit, spec)).cause());
            assertEquals("C", cause.participant());
            assertEquals(3, cause.line());
            assertEquals(Map.of("x", "0"), cause.variables());
            assertTrue(cause.describe().contains("b when (x > 5)"), cause.describe());
        }
    }

    @Test
    void choosingABranchWhoseGuardIsFalseIsATypedError() {
        SessionSpec spec = SessionSpec.of(compile(GUARDED)).withTrace(true).withTimeout(SHORT)
                .withRoleHandlers(Map.of("C", () -> picking("b", 3)), RoleHandlers.defaults());
        SessionError.GuardFailed cause = assertInstanceOf(SessionError.GuardFailed.class,
                failed(run(kit, spec)).cause());
        assertTrue(cause.detail().contains("chose 'b'") && cause.detail().contains("x=3"), cause.detail());
        SessionSpec holds = SessionSpec.of(compile(GUARDED)).withTrace(true).withTimeout(SHORT)
                .withRoleHandlers(Map.of("C", () -> picking("b", 6)), RoleHandlers.defaults());
        assertEquals("B", completed(run(kit, holds)).trace().get(0).label());
    }

    @Test
    void anySessionIdRunsAndTheSystemSurvives() throws Exception {
        ActorRef<Sessions.Start> manager = kit.spawn(Sessions.manager(), "manager");
        for (String id : List.of("order(42)/a", "a(b)", "with space", "$dollar", "ünïcode/é", "x".repeat(128))) {
            SessionSpec spec = SessionSpec.of(example("negotiation.choreo")).withTrace(true).withTimeout(SHORT).withSessionId(id);
            SessionOutcome outcome = Sessions.run(manager, spec, kit.system()).toCompletableFuture()
                    .get(15, TimeUnit.SECONDS);
            assertEquals(id, completed(outcome).sessionId());
        }
        assertTrue(!kit.system().getWhenTerminated().toCompletableFuture().isDone(), "the actor system is alive");
    }

    /** Ids become journal keys and actor names of bounded width: what cannot be one is refused when it is set. */
    @Test
    void sessionIdsThatCannotBeJournalKeysAreRefusedAtOnce() {
        SessionSpec spec = SessionSpec.of(example("negotiation.choreo"));
        for (String id : java.util.Arrays.asList("", null, "x".repeat(129), "a\u0000b", "line\nbreak")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> spec.withSessionId(id));
            assertTrue(e.getMessage().startsWith("the session id "), e.getMessage());
        }
    }

    @Test
    void theSameIdTwiceAtOnceIsATypedConflict() throws Exception {
        ActorRef<Sessions.Start> manager = kit.spawn(Sessions.manager(), "manager-twice");
        SessionSpec endless = SessionSpec.of(example("decision_loop.choreo")).withTrace(true).withSessionId("twice")
                .withTimeout(java.time.Duration.ofSeconds(2))
                .withRoleHandlers(Map.of("Client", () -> new RoleHandler() {
                    @Override
                    public boolean continueLoop(LoopContext loop) {
                        return true;
                    }
                }), RoleHandlers.defaults());
        var first = Sessions.run(manager, endless, kit.system());
        SessionOutcome second = Sessions.run(manager, endless, kit.system()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertInstanceOf(SessionError.SessionIdConflict.class, failed(second).cause());
        assertInstanceOf(SessionError.SessionTimedOut.class,
                failed(first.toCompletableFuture().get(15, TimeUnit.SECONDS)).cause());
    }

    @Test
    void missingAndUnknownRoleHandlersFailAtStart() {
        SessionSpec spec = SessionSpec.of(example("negotiation.choreo")).withTrace(true).withTimeout(SHORT)
                .withRoleHandlers(Map.of("Buyer", () -> new RoleHandler() {
                }, "Byer", () -> new RoleHandler() {
                }));
        SessionError.InvalidBindings cause = assertInstanceOf(SessionError.InvalidBindings.class,
                failed(run(kit, spec)).cause());
        assertEquals(2, cause.problems().size(), cause.describe());
        assertTrue(cause.describe().contains("'Byer', which the protocol does not declare"), cause.describe());
        assertTrue(cause.describe().contains("no handler for role 'Seller'"), cause.describe());
        SessionSpec optedIn = SessionSpec.of(example("negotiation.choreo")).withTrace(true).withTimeout(SHORT)
                .withRoleHandlers(Map.of("Buyer", () -> new RoleHandler() {
                }), RoleHandlers.defaults());
        completed(run(kit, optedIn));
    }

    static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Test
    void aStackOverflowInAHandlerIsHandlerFailedWithItsStackTrace() {
        SessionSpec spec = SessionSpec.of(example("negotiation.choreo")).withTrace(true).withTimeout(SHORT)
                .withRoleHandlers(Map.of("Seller", () -> new RoleHandler() {
                    @Override
                    public void received(ReceiveContext received) {
                        recurse(0);
                    }
                }), RoleHandlers.defaults());
        SessionError.HandlerFailed cause = assertInstanceOf(SessionError.HandlerFailed.class,
                failed(run(kit, spec)).cause());
        assertTrue(cause.detail().startsWith("received(Offer): java.lang.StackOverflowError"), cause.detail());
        assertTrue(cause.stackTrace().contains("HardeningTest.recurse"), cause.stackTrace());
        SessionSpec linkage = SessionSpec.of(example("negotiation.choreo")).withTrace(true).withTimeout(SHORT)
                .withRoleHandlers(Map.of("Buyer", () -> new RoleHandler() {
                    @Override
                    public Object payload(io.choreo.runtime.handler.SendContext send) {
                        throw new NoClassDefFoundError("com/example/Missing");
                    }
                }), RoleHandlers.defaults());
        SessionError.HandlerFailed missing = assertInstanceOf(SessionError.HandlerFailed.class,
                failed(run(kit, linkage)).cause());
        assertTrue(missing.detail().contains("NoClassDefFoundError"), missing.detail());
        completed(run(kit, SessionSpec.of(example("negotiation.choreo")).withTrace(true).withTimeout(SHORT)));
    }

    @Test
    void theTraceIsBoundedAndCountsTheRest() {
        SessionSpec spec = SessionSpec.of(example("decision_loop.choreo")).withTrace(true).withTimeout(SHORT)
                .withRoleHandlers(Map.of("Client", () -> new RoleHandler() {
                    @Override
                    public boolean continueLoop(LoopContext loop) {
                        return loop.iteration() < 10;
                    }
                }), RoleHandlers.defaults());
        SessionOutcome.SessionCompleted done = completed(run(kit, spec));
        assertEquals(5, done.trace().size(), "trace-limit = 5 in this system");
        assertEquals(21, done.messages(), "10 requests, 10 responses and Done");
        assertEquals(16, done.traceOmitted());
    }

    static final String REC = io.choreo.dsl.TestCorpus.POLL;

    @Test
    void exampleHandlersRunEveryRecursionTheGivenNumberOfTimes() {
        for (int iterations : new int[] {0, 1, 2}) {
            SessionSpec spec = SessionSpec.of(compile(REC)).withTrace(true).withTimeout(SHORT)
                    .withHandlers(new ExampleHandlers(Map.of(), iterations));
            List<String> labels = completed(run(kit, spec)).trace().stream().map(TraceEvent::label).toList();
            assertEquals(2 * iterations + 1, labels.size(), labels::toString);
            assertEquals("Stop", labels.get(labels.size() - 1));
        }
    }

    @Test
    void exampleHandlersRefuseNegativeIterations() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ExampleHandlers(Map.of(), -1)).getMessage().contains("0 or more"));
    }

    @Test
    void guardsOverRecordsAndCollectionsAtRunTime() {
        CompiledProtocol p = compile("""
                choreography Cart {
                    roles: C, S;
                    choice C {
                        pay when (!items.is_empty() && order.total >= 100): { C -> S: Pay; }
                        wait: { C -> S: Wait; }
                    }
                }""");
        record Order(long total) {
        }
        SessionSpec spec = SessionSpec.of(p).withTrace(true).withTimeout(SHORT).withHandlers(new ExampleHandlers(
                Map.of("items", List.of("book"), "order", new Order(120)), 2));
        assertEquals("Pay", completed(run(kit, spec)).trace().get(0).label());
    }
}
