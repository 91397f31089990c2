package io.choreo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.choreo.persistence.session.SessionLogQuery;
import io.choreo.persistence.session.SessionRecord;
import io.choreo.runtime.session.SessionError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The session log on a real H2 journal: each session's start (protocol, source, participants) and typed outcome are
 * journaled and read back by another actor system, the first one being shut down right after its sessions ended
 * (its coordinated shutdown waits for outcomes still in flight). Size: two sessions, two systems; about 5 s.
 */
class SessionLogTest {

    @Test
    void startAndOutcomeSurviveAShutdownRightAfterTheSession() throws Exception {
        Path journal = Files.createTempDirectory("choreo-session-log").resolve("journal");
        ConsoleFixture first = new ConsoleFixture("SessionLogTestWriter", journal);
        try {
            first.negotiation("log-ok");
            first.overBudget("log-failed");
        } finally {
            first.close();   // at once: the outcomes may still be in flight
        }
        ConsoleFixture second = new ConsoleFixture("SessionLogTestReader", journal);
        try {
            List<SessionRecord> records = new SessionLogQuery(second.kit.system()).current().toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
            assertEquals(List.of("log-ok Started", "log-ok Completed", "log-failed Started", "log-failed Failed"),
                    records.stream().map(r -> r.sessionId() + " " + r.getClass().getSimpleName()).toList());
            SessionRecord.Started started = (SessionRecord.Started) records.get(0);
            assertEquals("Negotiation", started.protocol());
            assertEquals(List.of("Buyer", "Seller"), started.participants());
            assertEquals(true, started.source().contains("Buyer -> Seller: Offer"), started.source());
            SessionError cause = ((SessionRecord.Failed) records.get(3)).cause();
            assertEquals(200, assertInstanceOf(SessionError.BudgetExhausted.class, cause).cost());
        } finally {
            second.close();
        }
    }
}
