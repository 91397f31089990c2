package io.choreo.runtime;

import static io.choreo.runtime.RuntimeTestSupport.completed;
import static io.choreo.runtime.RuntimeTestSupport.example;
import static io.choreo.runtime.RuntimeTestSupport.failed;
import static io.choreo.runtime.RuntimeTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.InMemoryCapabilities;
import io.choreo.runtime.extension.InMemoryFlowBudget;
import io.choreo.runtime.extension.InMemoryJournal;
import io.choreo.runtime.extension.SendExtension;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Capability guard → flow charge → send → journal facts, on real sessions. */
class ExtensionsTest {
    static final ActorTestKit kit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    static Map<String, Set<String>> facts(InMemoryJournal journal, String session) {
        return journal.facts(session).toCompletableFuture().join();
    }

    /**
     * The facts once {@code participant}'s write has landed: a fact is journaled just after its message is sent, so
     * a session that fails on the receiving side may report before the sender's write.
     */
    static Map<String, Set<String>> factsOnceWritten(InMemoryJournal journal, String session, String participant)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!facts(journal, session).containsKey(participant) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return facts(journal, session);
    }

    @Test
    void deniedCapabilitySendsChargesAndRecordsNothing() throws Exception {
        InMemoryJournal journal = new InMemoryJournal();
        InMemoryFlowBudget budget = InMemoryFlowBudget.perParticipant(1_000);
        Extensions ext = Extensions.defaults().withJournal(journal).withBudget(budget)
                .withCapabilities(new InMemoryCapabilities().grant("Admin", "admin_access"));
        SessionSpec spec = SessionSpec.of(example("comprehensive.choreo")).withTrace(true).withExtensions(ext)
                .withTimeout(RuntimeTestSupport.SHORT);
        SessionOutcome.SessionFailed f = failed(run(kit, spec));
        SessionError.CapabilityDenied denied = assertInstanceOf(SessionError.CapabilityDenied.class, f.cause());
        assertEquals(new SessionError.CapabilityDenied("User", "UserResponse", 5, "respond_to_admin", "not granted"),
                denied);
        assertEquals(List.of("AdminCommand"), f.trace().stream().map(TraceEvent::label).toList(), "nothing sent");
        assertEquals(Map.of("Admin", Set.of("admin_action_logged")),
                factsOnceWritten(journal, spec.sessionId(), "Admin"), "the denied send recorded nothing");
        SendContext user = new SendContext(spec.sessionId(), "User", "User", "Admin", null, null, 5, false);
        assertEquals(1_000, budget.remaining(user), "the denied send charged nothing");
    }

    @Test
    void grantedCapabilitiesLetTheSessionComplete() {
        Extensions ext = Extensions.defaults().withCapabilities(new InMemoryCapabilities()
                .grant("Admin", "admin_access").grant("User", "respond_to_admin"));
        completed(run(kit, SessionSpec.of(example("comprehensive.choreo")).withTrace(true).withExtensions(ext)
                .withTimeout(RuntimeTestSupport.SHORT)));
    }

    @Test
    void exhaustedBudgetBlocksTheSendAndDefaultCostIs100() {
        InMemoryFlowBudget budget = InMemoryFlowBudget.perParticipant(Long.MAX_VALUE).limit("Sender", 250);
        SessionSpec spec = SessionSpec.of(example("budgeted.choreo")).withTrace(true)
                .withExtensions(Extensions.defaults().withBudget(budget)).withTimeout(RuntimeTestSupport.SHORT);
        SessionOutcome.SessionFailed f = failed(run(kit, spec));
        assertEquals(new SessionError.BudgetExhausted("Sender", "DefaultCostMessage", 8, 100, 50), f.cause());
        assertEquals(List.of("HighCostMessage", "LowCostAck"), f.trace().stream().map(TraceEvent::label).toList());
        assertEquals(List.of(200L, 50L), f.trace().stream().map(TraceEvent::cost).toList());
        SendContext sender = new SendContext(spec.sessionId(), "Sender", "Sender", "Receiver", null, null, 8, false);
        assertEquals(50, budget.remaining(sender), "the refused charge left the budget untouched");
    }

    @Test
    void budgetThatCoversEveryCostCompletes() {
        InMemoryFlowBudget budget = InMemoryFlowBudget.perParticipant(300);
        SessionOutcome.SessionCompleted done = completed(run(kit, SessionSpec.of(example("budgeted.choreo")).withTrace(true)
                .withExtensions(Extensions.defaults().withBudget(budget)).withTimeout(RuntimeTestSupport.SHORT)));
        assertEquals(List.of(200L, 50L, 100L), done.trace().stream().map(TraceEvent::cost).toList());
    }

    @Test
    void journalFactsAreRecordedAfterTheSendAndMergedIntoTheReceiver() {
        InMemoryJournal journal = new InMemoryJournal();
        SessionSpec spec = SessionSpec.of(example("hierarchical.choreo")).withTrace(true)
                .withExtensions(Extensions.defaults().withJournal(journal)).withTimeout(RuntimeTestSupport.SHORT);
        completed(run(kit, spec));
        Map<String, Set<String>> facts = facts(journal, spec.sessionId());
        assertEquals(Set.of("worker_coordination_started", "sub_results_aggregated"), facts.get("SubCoordinator1"));
        assertEquals(Set.of("work_completed"), facts.get("Worker1"));
        assertEquals(Set.of("top_coordination_started", "worker_coordination_started", "sub_results_aggregated"),
                facts.get("TopCoordinator"), "journal_merge unions the sender's facts into the receiver's");
    }

    @Test
    void customExtensionsCanDenyAndAreRefunded() {
        List<String> seen = new ArrayList<>();
        InMemoryFlowBudget budget = InMemoryFlowBudget.perParticipant(1_000);
        SendExtension rateLimit = new SendExtension() {
            @Override
            public String name() {
                return "no-responses";
            }

            @Override
            public Optional<String> beforeSend(SendContext send) {
                seen.add(send.label());
                return send.label().equals("Response") ? Optional.of("responses are switched off") : Optional.empty();
            }
        };
        SessionSpec spec = SessionSpec.of(example("secure.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withExtensions(Extensions.defaults().withBudget(budget).register(rateLimit));
        SessionError.ExtensionDenied denied = assertInstanceOf(SessionError.ExtensionDenied.class,
                failed(run(kit, spec)).cause());
        assertEquals("no-responses", denied.extension());
        assertEquals(List.of("Request", "Response"), seen);
        SendContext server = new SendContext(spec.sessionId(), "Server", "Server", "Client", null, null, 6, false);
        assertEquals(1_000, budget.remaining(server), "charge refunded after the denial");
    }

    @Test
    void failingJournalWriteFailsTheSessionWithoutReportingTheFactAsRecorded() {
        InMemoryJournal working = new InMemoryJournal();
        io.choreo.runtime.extension.JournalStore broken = new io.choreo.runtime.extension.JournalStore() {
            @Override
            public java.util.concurrent.CompletionStage<org.apache.pekko.Done> record(String s, String p,
                                                                                      List<String> f) {
                return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("disk full"));
            }

            @Override
            public java.util.concurrent.CompletionStage<Map<String, Set<String>>> facts(String s) {
                return working.facts(s);
            }
        };
        SessionSpec spec = SessionSpec.of(example("auditable.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withExtensions(Extensions.defaults().withJournal(broken));
        SessionError.JournalFailed cause = assertInstanceOf(SessionError.JournalFailed.class,
                failed(run(kit, spec)).cause());
        assertTrue(List.of(List.of("operation_initiated"), List.of("operation_completed")).contains(cause.facts()),
                "whichever write failed first is reported: " + cause);
        assertTrue(cause.detail().contains("disk full"), cause.detail());
    }

    /** A budget that answers later, as a distributed one does. */
    static io.choreo.runtime.extension.FlowBudget slowBudget(InMemoryFlowBudget inner, boolean broken) {
        return new io.choreo.runtime.extension.FlowBudget() {
            @Override
            public java.util.concurrent.CompletionStage<Charge> charge(SendContext send, long cost) {
                return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    if (broken) {
                        throw new IllegalStateException("budget service unreachable");
                    }
                    return inner.tryCharge(send, cost);
                }, java.util.concurrent.CompletableFuture.delayedExecutor(30, java.util.concurrent.TimeUnit.MILLISECONDS));
            }

            @Override
            public void refund(SendContext send, long cost) {
                inner.refund(send, cost);
            }
        };
    }

    @Test
    void asynchronousChargesAreAwaitedBeforeSending() {
        InMemoryFlowBudget inner = InMemoryFlowBudget.perParticipant(Long.MAX_VALUE).limit("Sender", 250);
        SessionSpec spec = SessionSpec.of(example("budgeted.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withExtensions(Extensions.defaults().withBudget(slowBudget(inner, false)));
        SessionOutcome.SessionFailed f = failed(run(kit, spec));
        assertEquals(new SessionError.BudgetExhausted("Sender", "DefaultCostMessage", 8, 100, 50), f.cause());
        assertEquals(List.of("HighCostMessage", "LowCostAck"), f.trace().stream().map(TraceEvent::label).toList());
        SessionSpec roomy = SessionSpec.of(example("budgeted.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withExtensions(Extensions.defaults().withBudget(slowBudget(InMemoryFlowBudget.perParticipant(1_000),
                        false)));
        assertEquals(3, completed(run(kit, roomy)).trace().size());
    }

    @Test
    void anUnreachableBudgetIsATypedFailureAndNothingIsSent() {
        SessionSpec spec = SessionSpec.of(example("budgeted.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withExtensions(Extensions.defaults().withBudget(slowBudget(InMemoryFlowBudget.perParticipant(1_000),
                        true)));
        SessionOutcome.SessionFailed f = failed(run(kit, spec));
        SessionError.BudgetUnavailable cause = assertInstanceOf(SessionError.BudgetUnavailable.class, f.cause());
        assertTrue(cause.detail().contains("budget service unreachable"), cause.detail());
        assertTrue(f.trace().isEmpty());
    }
}
