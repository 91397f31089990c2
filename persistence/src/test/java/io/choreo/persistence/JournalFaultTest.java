package io.choreo.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.choreo.persistence.durable.DurableRole;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.persistence.durable.RoleEvent;
import io.choreo.persistence.journal.PersistentJournalStore;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Journal failures injected with the persistence testkit: retried to completion, or a typed failure. */
class JournalFaultTest {
    static final ActorTestKit kit = ActorTestKit.create("faults", PersistenceTestKitPlugin.getInstance().config()
            .withFallback(ConfigFactory.load("application-test")));
    static final PersistenceTestKit journal = PersistenceTestKit.create(kit.system());

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void clear() {
        journal.clearAll();
        journal.resetPolicy();
    }

    @Test
    void aFailedWriteRestartsTheParticipantWhichRecoversAndCompletesWithoutDuplicates() throws Exception {
        SessionSpec spec = DurableSessions.durable(SessionSpec.of(JournalDatabaseContract.example(
                "auditable.choreo")).withTimeout(JournalDatabaseContract.TIMEOUT).withTrace(true));
        String coordinator = DurableRole.persistenceId(spec.sessionId(), "Coordinator").id();
        journal.failNextPersisted(coordinator);
        SessionOutcome.SessionCompleted done = JournalDatabaseContract.completed(
                JournalDatabaseContract.run(kit, spec));
        assertEquals(2, done.trace().size(), "each message traced once: " + done.trace());
        List<Object> events = RoleEvent.flatten(journal.persistedInStorage(coordinator));
        assertEquals(3, events.size(), "Sent, its fact, and Received — written once: " + events);
        assertInstanceOf(RoleEvent.Sent.class, events.get(0));
        assertInstanceOf(RoleEvent.Fact.class, events.get(1));
        assertInstanceOf(RoleEvent.Received.class, events.get(2));
        List<Object> participant = RoleEvent.flatten(journal.persistedInStorage(
                DurableRole.persistenceId(spec.sessionId(), "Participant").id()));
        assertEquals(1, participant.stream().filter(e -> e instanceof RoleEvent.Received).count());
    }

    /**
     * A receive and the sends that answer it are one journal write of one record, as in a bare event-sourced actor:
     * in {@code loop (count: 3) { A -> B: Ping; B -> A: Pong; }} B writes Steps[Received Ping, Sent Pong] three
     * times, and A writes Sent Ping, Steps[Received Pong, Sent Ping] twice, then Received Pong.
     */
    @Test
    void aReceiveAndItsAnswerAreOneWrite() throws Exception {
        io.choreo.projection.CompiledProtocol pingPong = io.choreo.projection.Compiler.compile("ping.choreo",
                "choreography P { roles: A, B; loop (count: 3) { A -> B: Ping; B -> A: Pong; } }").protocol(null);
        SessionSpec spec = DurableSessions.durable(SessionSpec.of(pingPong).withTimeout(
                JournalDatabaseContract.TIMEOUT));
        java.util.Map<String, List<List<String>>> writes = new java.util.concurrent.ConcurrentHashMap<>();
        journal.withPolicy((persistenceId, operation) -> {
            if (operation instanceof org.apache.pekko.persistence.testkit.WriteEvents w) {
                List<String> kinds = new java.util.ArrayList<>();
                w.batch().foreach(e -> kinds.add(e instanceof RoleEvent.Steps steps ? steps.steps().stream()
                        .map(step -> step.getClass().getSimpleName()).toList().toString()
                        : e.getClass().getSimpleName()));
                writes.computeIfAbsent(persistenceId, k -> java.util.Collections.synchronizedList(
                        new java.util.ArrayList<>())).add(kinds);
            }
            return org.apache.pekko.persistence.testkit.ProcessingSuccess$.MODULE$;
        });
        JournalDatabaseContract.completed(JournalDatabaseContract.run(kit, spec));
        List<String> answer = List.of("[Received, Sent]");
        assertEquals(List.of(answer, answer, answer),
                writes.get(DurableRole.persistenceId(spec.sessionId(), "B").id()));
        assertEquals(List.of(List.of("Sent"), answer, answer, List.of("Received")),
                writes.get(DurableRole.persistenceId(spec.sessionId(), "A").id()));
    }

    @Test
    void aRejectedWriteFailsTheSessionWithATypedErrorAndRecordsNothing() throws Exception {
        SessionSpec spec = DurableSessions.durable(SessionSpec.of(JournalDatabaseContract.example(
                "auditable.choreo")).withTimeout(JournalDatabaseContract.TIMEOUT).withTrace(true));
        String coordinator = DurableRole.persistenceId(spec.sessionId(), "Coordinator").id();
        journal.rejectNextPersisted(coordinator);
        SessionOutcome outcome = JournalDatabaseContract.run(kit, spec);
        SessionOutcome.SessionFailed failed = assertInstanceOf(SessionOutcome.SessionFailed.class, outcome);
        SessionError.JournalFailed cause = assertInstanceOf(SessionError.JournalFailed.class, failed.cause());
        assertEquals("Coordinator", cause.participant());
        assertTrue(failed.trace().isEmpty(), "nothing was sent: " + failed.trace());
        assertTrue(journal.persistedInStorage(coordinator).isEmpty(), "nothing was recorded");
    }

    @Test
    void aFailedFactWriteInTestingModeIsReportedNotSwallowed() throws Exception {
        PersistentJournalStore store = new PersistentJournalStore(kit.system(), Duration.ofSeconds(5));
        SessionSpec spec = SessionSpec.of(JournalDatabaseContract.example("auditable.choreo"))
                .withTimeout(JournalDatabaseContract.TIMEOUT).withExtensions(Extensions.defaults().withJournal(store));
        journal.rejectNextPersisted();
        SessionOutcome outcome = JournalDatabaseContract.run(kit, spec);
        SessionOutcome.SessionFailed failed = assertInstanceOf(SessionOutcome.SessionFailed.class, outcome);
        assertInstanceOf(SessionError.JournalFailed.class, failed.cause());
    }
}
