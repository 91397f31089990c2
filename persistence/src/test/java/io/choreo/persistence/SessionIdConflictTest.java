package io.choreo.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.choreo.persistence.durable.DurableRole;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.persistence.durable.SessionClaim;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A durable session id belongs to the protocol it first ran: another protocol under it is a typed conflict. */
class SessionIdConflictTest {
    static final ActorTestKit kit = ActorTestKit.create("conflict", PersistenceTestKitPlugin.getInstance().config()
            .withFallback(ConfigFactory.load("application-test")));
    static final PersistenceTestKit journal = PersistenceTestKit.create(kit.system());

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    static SessionSpec durable(String example, String id) {
        return DurableSessions.durable(SessionSpec.of(JournalDatabaseContract.example(example))
                .withSessionId(id).withTimeout(JournalDatabaseContract.TIMEOUT));
    }

    @Test
    void anotherProtocolUnderTheSameIdIsRefusedBeforeItWritesAnything() {
        JournalDatabaseContract.completed(JournalDatabaseContract.run(kit, durable("negotiation.choreo", "order-7")));
        assertEquals(1, journal.persistedInStorage(SessionClaim.persistenceId("order-7").id()).size());
        int buyerEvents = journal.persistedInStorage(DurableRole.persistenceId("order-7", "Buyer").id()).size();

        SessionOutcome other = JournalDatabaseContract.run(kit, durable("auditable.choreo", "order-7"));
        SessionError.SessionIdConflict conflict = assertInstanceOf(SessionError.SessionIdConflict.class,
                assertInstanceOf(SessionOutcome.SessionFailed.class, other).cause());
        assertTrue(conflict.existing().startsWith("Negotiation"), conflict.describe());
        assertTrue(conflict.requested().startsWith("Auditable"), conflict.describe());
        assertTrue(journal.persistedInStorage(DurableRole.persistenceId("order-7", "Coordinator").id()).isEmpty(),
                "the refused protocol wrote nothing");

        // the same protocol under the same id is a resume, not a conflict
        JournalDatabaseContract.completed(JournalDatabaseContract.run(kit, durable("negotiation.choreo", "order-7")));
        assertEquals(buyerEvents, journal.persistedInStorage(DurableRole.persistenceId("order-7", "Buyer").id())
                .size(), "nothing ran twice");
    }

    @Test
    void aClaimWhoseWriteFailsIsWrittenAgainWhileTheSessionRuns() {
        journal.failNextPersisted(SessionClaim.persistenceId("order-9").id());
        JournalDatabaseContract.completed(JournalDatabaseContract.run(kit, durable("negotiation.choreo", "order-9")));
        assertEquals(1, journal.persistedInStorage(SessionClaim.persistenceId("order-9").id()).size(),
                "the claim was written after its first write failed");
        assertInstanceOf(SessionError.SessionIdConflict.class, assertInstanceOf(SessionOutcome.SessionFailed.class,
                JournalDatabaseContract.run(kit, durable("auditable.choreo", "order-9"))).cause());
    }

    @Test
    void otherBindingsUnderTheSameIdAreAConflictToo() {
        JournalDatabaseContract.completed(JournalDatabaseContract.run(kit,
                durable("consensus.choreo", "vote-1").bindRoleCount("Followers", 2)));
        SessionOutcome other = JournalDatabaseContract.run(kit,
                durable("consensus.choreo", "vote-1").bindRoleCount("Followers", 3));
        assertInstanceOf(SessionError.SessionIdConflict.class,
                assertInstanceOf(SessionOutcome.SessionFailed.class, other).cause());
    }

    /**
     * The claim records the version: the same id with another version of the protocol is refused, naming both; a
     * protocol without the attribute keeps the fingerprint it had before versions existed.
     */
    @Test
    void anotherVersionUnderTheSameIdIsAConflictNamingBothVersions() {
        String v1 = "choreography Greet { roles: A, B; A -> B: Hello; }";
        String v2 = "#[version = \"2\"]\nchoreography Greet { roles: A, B; A -> B: Hello; B -> A: Thanks; }";
        JournalDatabaseContract.completed(JournalDatabaseContract.run(kit, DurableSessions.durable(SessionSpec.of(
                io.choreo.projection.Compiler.compile("g.choreo", v1).protocol(null)).withSessionId("greet-1")
                .withTimeout(JournalDatabaseContract.TIMEOUT))));
        SessionOutcome other = JournalDatabaseContract.run(kit, DurableSessions.durable(SessionSpec.of(
                io.choreo.projection.Compiler.compile("g2.choreo", v2).protocol(null)).withSessionId("greet-1")
                .withTimeout(JournalDatabaseContract.TIMEOUT)));
        SessionError.SessionIdConflict conflict = assertInstanceOf(SessionError.SessionIdConflict.class,
                assertInstanceOf(SessionOutcome.SessionFailed.class, other).cause());
        assertTrue(conflict.existing().startsWith("Greet (fingerprint"), conflict.describe());
        assertTrue(conflict.requested().startsWith("Greet@2 (fingerprint"), conflict.describe());
    }
}
