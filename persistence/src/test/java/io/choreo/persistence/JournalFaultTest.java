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
                "auditable.choreo")).withTimeout(JournalDatabaseContract.TIMEOUT));
        String coordinator = DurableRole.persistenceId(spec.sessionId(), "Coordinator").id();
        journal.failNextPersisted(coordinator);
        SessionOutcome.SessionCompleted done = JournalDatabaseContract.completed(
                JournalDatabaseContract.run(kit, spec));
        assertEquals(2, done.trace().size(), "each message traced once: " + done.trace());
        List<Object> events = journal.persistedInStorage(coordinator);
        assertEquals(3, events.size(), "Sent, its fact, and Received — written once: " + events);
        assertInstanceOf(RoleEvent.Sent.class, events.get(0));
        assertInstanceOf(RoleEvent.Fact.class, events.get(1));
        assertInstanceOf(RoleEvent.Received.class, events.get(2));
        List<Object> participant = journal.persistedInStorage(
                DurableRole.persistenceId(spec.sessionId(), "Participant").id());
        assertEquals(1, participant.stream().filter(e -> e instanceof RoleEvent.Received).count());
    }

    @Test
    void aRejectedWriteFailsTheSessionWithATypedErrorAndRecordsNothing() throws Exception {
        SessionSpec spec = DurableSessions.durable(SessionSpec.of(JournalDatabaseContract.example(
                "auditable.choreo")).withTimeout(JournalDatabaseContract.TIMEOUT));
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
