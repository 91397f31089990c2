package io.choreo.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.choreo.persistence.saga.Saga;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.InMemoryFlowBudget;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.resilience.LayeredBudget;
import io.choreo.runtime.resilience.LayeredCapabilities;
import io.choreo.runtime.resilience.ResilientSessions;
import io.choreo.runtime.resilience.RetryPolicy;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.CircuitBreaker;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Retry, circuit breaker, layered capabilities and budgets, and sagas — on Pekko's own parts. */
class ResilienceTest {
    static final ActorTestKit kit = ActorTestKit.create("resilience", PersistenceTestKitPlugin.getInstance().config()
            .withFallback(ConfigFactory.load("application-test")));
    static final PersistenceTestKit journal = PersistenceTestKit.create(kit.system());
    static final ActorRef<Sessions.Start> manager = kit.spawn(Sessions.manager());
    static final ResilientSessions sessions = new ResilientSessions(manager, kit.system());

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    static CompiledProtocol example(String file) throws Exception {
        return SimulatorTest.example(file);
    }

    /** A Seller whose payload fails on the first {@code failures} attempts: a transient fault. */
    static SessionSpec flaky(CompiledProtocol p, AtomicInteger attempts, int failures) {
        int attempt = attempts.incrementAndGet();
        return SessionSpec.of(p).withTimeout(Duration.ofSeconds(5)).withRoleHandlers(Map.of("Seller",
                () -> new RoleHandler() {
                    @Override
                    public Object payload(SendContext s) {
                        if (attempt <= failures) {
                            throw new IllegalStateException("service unavailable (attempt " + attempt + ")");
                        }
                        return null;
                    }
                }), RoleHandlers.defaults());
    }

    @Test
    void retryWithExponentialBackoffAndJitterUntilTheSessionCompletes() throws Exception {
        CompiledProtocol negotiation = example("negotiation.choreo");
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        SessionOutcome outcome = sessions.retry(() -> flaky(negotiation, attempts, 2),
                RetryPolicy.exponential(5, Duration.ofMillis(100), Duration.ofSeconds(1)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(SessionOutcome.SessionCompleted.class, outcome);
        assertEquals(3, attempts.get());
        assertTrue(millis >= 300, "backed off 100 ms then 200 ms (plus jitter): " + millis + " ms");
    }

    @Test
    void permanentFailuresAreNotRetried() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        SessionOutcome outcome = sessions.retry(() -> {
            attempts.incrementAndGet();
            try {
                return SessionSpec.of(example("comprehensive.choreo")).withExtensions(Extensions.defaults()
                        .withCapabilities(new io.choreo.runtime.extension.InMemoryCapabilities()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, RetryPolicy.exponential(5, Duration.ofMillis(10), Duration.ofMillis(50)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertInstanceOf(SessionError.CapabilityDenied.class, ((SessionOutcome.SessionFailed) outcome).cause());
        assertEquals(1, attempts.get());
    }

    @Test
    void circuitBreakerOpensFailsFastAndHalfOpens() throws Exception {
        CompiledProtocol negotiation = example("negotiation.choreo");
        List<String> transitions = Collections.synchronizedList(new ArrayList<>());
        CircuitBreaker breaker = CircuitBreaker.create(kit.system().classicSystem().scheduler(), 2,
                Duration.ofSeconds(10), Duration.ofMillis(500))
                .addOnOpenListener(() -> transitions.add("open"))
                .addOnHalfOpenListener(() -> transitions.add("half-open"))
                .addOnCloseListener(() -> transitions.add("closed"));
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            SessionOutcome failed = sessions.guarded(breaker, flaky(negotiation, attempts, 2)).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertInstanceOf(SessionError.HandlerFailed.class, ((SessionOutcome.SessionFailed) failed).cause());
        }
        kit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
            assertTrue(breaker.isOpen(), transitions.toString());
            return null;
        });
        SessionOutcome rejected = sessions.guarded(breaker, flaky(negotiation, attempts, 2)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertInstanceOf(SessionError.CircuitOpen.class, ((SessionOutcome.SessionFailed) rejected).cause());
        // The breaker half-opens on its scheduler after 500 ms; a loaded machine may run that late.
        kit.createTestProbe().awaitAssert(Duration.ofSeconds(10),
                () -> {
                    assertTrue(breaker.isHalfOpen(), transitions.toString());
                    return null;
                });
        SessionOutcome recovered = sessions.guarded(breaker, flaky(negotiation, attempts, 2)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertInstanceOf(SessionOutcome.SessionCompleted.class, recovered);
        // The breaker records the success in its own callback on the call's future and tells listeners on
        // its executor, so both may land just after the outcome reaches this thread.
        kit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
            assertTrue(breaker.isClosed(), transitions.toString());
            assertEquals(List.of("open", "half-open", "closed"), transitions);
            return null;
        });
    }

    @Test
    void layeredCapabilitiesRefineTheContextAndNameTheDenyingLayer() throws Exception {
        LayeredCapabilities layers = new LayeredCapabilities(List.of(
                new LayeredCapabilities.Layer() {
                    public String name() {
                        return "organisation";
                    }

                    public LayeredCapabilities.Verdict check(SendContext s, String cap, Map<String, String> ctx) {
                        return LayeredCapabilities.Verdict.allow("tenant", s.role().equals("Admin") ? "staff" : "guest");
                    }
                },
                new LayeredCapabilities.Layer() {
                    public String name() {
                        return "team";
                    }

                    public LayeredCapabilities.Verdict check(SendContext s, String cap, Map<String, String> ctx) {
                        return ctx.get("tenant").equals("guest") && cap.equals("respond_to_admin")
                                ? LayeredCapabilities.Verdict.deny("guests may not respond to admins")
                                : LayeredCapabilities.Verdict.allow();
                    }
                }));
        SessionOutcome outcome = sessions.retry(() -> {
            try {
                return SessionSpec.of(example("comprehensive.choreo"))
                        .withExtensions(Extensions.defaults().withCapabilities(layers));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, RetryPolicy.exponential(1, Duration.ofMillis(10), Duration.ofMillis(10))).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        SessionError.CapabilityDenied denied = assertInstanceOf(SessionError.CapabilityDenied.class,
                ((SessionOutcome.SessionFailed) outcome).cause());
        assertEquals("User", denied.participant());
        assertEquals("layer 'team': guests may not respond to admins", denied.deniedBy());
    }

    @Test
    void layeredBudgetsRollBackEarlierLayersWhenALaterOneIsExhausted() throws Exception {
        InMemoryFlowBudget org = InMemoryFlowBudget.shared(1_000);
        InMemoryFlowBudget team = InMemoryFlowBudget.shared(300);
        InMemoryFlowBudget user = InMemoryFlowBudget.shared(250);
        SessionSpec spec = SessionSpec.of(example("budgeted.choreo")).withExtensions(Extensions.defaults()
                .withBudget(new LayeredBudget(List.of(org, team, user))));
        SessionOutcome outcome = Sessions.run(manager, spec, kit.system()).toCompletableFuture().get(10,
                TimeUnit.SECONDS);
        SessionError.BudgetExhausted cause = assertInstanceOf(SessionError.BudgetExhausted.class,
                ((SessionOutcome.SessionFailed) outcome).cause());
        assertEquals("DefaultCostMessage", cause.message());
        SendContext any = new SendContext("x", "Sender", "Sender", "Receiver", null, null, 0, false);
        assertEquals(750, org.remaining(any), "the organisation layer was charged 100 then refunded");
        assertEquals(50, team.remaining(any), "the team layer refused and kept its 50");
        assertEquals(0, user.remaining(any));
    }

    static Saga.Phase phase(String name, List<String> log, boolean fails) {
        return new Saga.Phase(name, () -> {
            log.add("do " + name);
            return fails ? CompletableFuture.failedFuture(new IllegalStateException(name + " refused"))
                    : CompletableFuture.completedFuture(Done.getInstance());
        }, () -> {
            log.add("undo " + name);
            return CompletableFuture.completedFuture(Done.getInstance());
        });
    }

    @Test
    void aFailedPhaseIsCompensatedInReverseOrderFromAPersistedLog() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        TestProbe<Saga.Outcome> probe = kit.createTestProbe();
        kit.spawn(Saga.create("order-1", List.of(phase("reserve", log, false), phase("charge", log, false),
                phase("ship", log, true)), probe.ref()));
        Saga.Compensated outcome = assertInstanceOf(Saga.Compensated.class, probe.receiveMessage(Duration.ofSeconds(10)));
        assertEquals("ship", outcome.failed());
        assertEquals(List.of("charge", "reserve"), outcome.compensated());
        assertEquals(List.of("do reserve", "do charge", "do ship", "undo charge", "undo reserve"), log);
        assertEquals(List.of(new Saga.PhaseCompleted("reserve"), new Saga.PhaseCompleted("charge"),
                        new Saga.PhaseFailed("ship", "ship refused"), new Saga.PhaseCompensated("charge"),
                        new Saga.PhaseCompensated("reserve")),
                journal.persistedInStorage("choreo-saga|order-1"));
    }

    @Test
    void aSagaThatCrashesWhileCompensatingResumesFromItsLog() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        TestProbe<Saga.Outcome> probe = kit.createTestProbe();
        AtomicInteger undoCharge = new AtomicInteger();
        Saga.Phase charge = new Saga.Phase("charge", () -> {
            log.add("do charge");
            return CompletableFuture.completedFuture(Done.getInstance());
        }, () -> {
            log.add("undo charge");
            if (undoCharge.incrementAndGet() == 1) {
                journal.failNextPersisted("choreo-saga|order-2");
            }
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        kit.spawn(Saga.create("order-2", List.of(phase("reserve", log, false), charge, phase("ship", log, true)),
                probe.ref()));
        Saga.Compensated outcome = assertInstanceOf(Saga.Compensated.class, probe.receiveMessage(Duration.ofSeconds(10)));
        assertEquals(List.of("charge", "reserve"), outcome.compensated());
        assertEquals(List.of("do reserve", "do charge", "do ship", "undo charge", "undo charge", "undo reserve"), log,
                "the write of the first compensation failed; after recovery it ran again, then the rest, in order");
        assertEquals(5, journal.persistedInStorage("choreo-saga|order-2").size(), "each step logged once");
    }

    @Test
    void retryPolicyAttemptsCountTheFirstTry() throws Exception {
        CompiledProtocol negotiation = example("negotiation.choreo");
        AtomicInteger attempts = new AtomicInteger();
        SessionOutcome outcome = sessions.retry(() -> flaky(negotiation, attempts, 100),
                RetryPolicy.exponential(3, Duration.ofMillis(10), Duration.ofMillis(20)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertInstanceOf(SessionError.HandlerFailed.class, ((SessionOutcome.SessionFailed) outcome).cause());
        assertEquals(3, attempts.get(), "RetryPolicy(attempts = 3) runs three sessions in all");
    }

    /** A phase whose compensation always fails, counting its attempts. */
    static Saga.Phase undoFails(String name, List<String> log, AtomicInteger undos) {
        return new Saga.Phase(name, () -> {
            log.add("do " + name);
            return CompletableFuture.completedFuture(Done.getInstance());
        }, () -> {
            log.add("undo " + name);
            undos.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException(name + " cannot be undone"));
        });
    }

    @Test
    void aCompensationThatKeepsFailingIsRetriedWithBackoffLoggedAndTheOthersStillRun() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger undoB = new AtomicInteger();
        TestProbe<Saga.Outcome> probe = kit.createTestProbe();
        RetryPolicy retry = RetryPolicy.exponential(3, Duration.ofMillis(50), Duration.ofMillis(200));
        long start = System.nanoTime();
        kit.spawn(Saga.create("order-3", List.of(phase("a", log, false), undoFails("b", log, undoB),
                phase("c", log, true)), retry, probe.ref()));
        Saga.Compensated outcome = assertInstanceOf(Saga.Compensated.class, probe.receiveMessage(Duration.ofSeconds(10)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("c", outcome.failed());
        assertEquals(List.of("a"), outcome.compensated());
        assertEquals(List.of(new Saga.CompensationFailed("b", "b cannot be undone", 3)), outcome.compensationsFailed());
        assertTrue(!outcome.fullyCompensated());
        assertEquals(3, undoB.get(), "three attempts in all, so three WARN lines, not hundreds of thousands");
        assertTrue(millis >= 150, "waited 50 ms then 100 ms between the attempts: " + millis + " ms");
        assertEquals(List.of("do a", "do b", "do c", "undo b", "undo b", "undo b", "undo a"), log);
        assertEquals(List.of(new Saga.PhaseCompleted("a"), new Saga.PhaseCompleted("b"),
                        new Saga.PhaseFailed("c", "c refused"), new Saga.CompensationFailed("b", "b cannot be undone", 3),
                        new Saga.PhaseCompensated("a")),
                journal.persistedInStorage("choreo-saga|order-3"));
    }

    @Test
    void aSagaRecoveredAfterAFailedCompensationDoesNotRetryItAgain() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger undoB = new AtomicInteger();
        RetryPolicy retry = RetryPolicy.exponential(2, Duration.ZERO, Duration.ZERO);
        TestProbe<Saga.Outcome> first = kit.createTestProbe();
        List<Saga.Phase> phases = List.of(phase("a", log, false), undoFails("b", log, undoB), phase("c", log, true));
        kit.spawn(Saga.create("order-4", phases, retry, first.ref()));
        first.expectMessageClass(Saga.Compensated.class, Duration.ofSeconds(10));
        TestProbe<Saga.Outcome> again = kit.createTestProbe();
        kit.spawn(Saga.create("order-4", phases, retry, again.ref()));
        Saga.Compensated outcome = again.expectMessageClass(Saga.Compensated.class, Duration.ofSeconds(10));
        assertEquals(List.of(new Saga.CompensationFailed("b", "b cannot be undone", 2)), outcome.compensationsFailed());
        assertEquals(2, undoB.get(), "the log says b's compensation failed for good");
    }
}
