package io.choreo.cluster.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.cluster.session.ClusterSessions;
import io.choreo.persistence.audit.AuditQuery;
import io.choreo.runtime.session.SessionOutcome;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Judges a Rounds session from the journal: the coordinator's persisted outcome is a completion, every message the
 * participants committed to send was consumed exactly once, and the leader got every follower's Pong of every round.
 */
final class SessionJudge {
    private SessionJudge() {
    }

    static void completedExactlyOnce(ActorSystem<?> system, String sessionId, int rounds, int followers)
            throws Exception {
        // asked right after a second kill, the coordinator may be moving: outcome() asks again for about 40 s
        Optional<SessionOutcome> outcome = ClusterSessions.outcome(system, sessionId).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertTrue(outcome.orElse(null) instanceof SessionOutcome.SessionCompleted,
                sessionId + ": the journal has a completed outcome, not " + outcome);
        AuditQuery.SessionAudit audit = new AuditQuery(system).session(sessionId).toCompletableFuture()
                .get(15, TimeUnit.SECONDS);
        assertEquals(List.of(), audit.duplicateReceipts(), sessionId + ": no message consumed twice");
        Set<String> sent = keys(audit.sent());
        assertEquals(audit.sent().size(), sent.size(), sessionId + ": no message committed twice");
        assertEquals(sent, keys(audit.received()), sessionId + ": every message sent was consumed");
        long pongs = audit.received().stream().filter(m -> m.to().equals("Leader") && m.label().equals("Pong"))
                .count();
        assertEquals((long) rounds * followers, pongs, sessionId + ": every round's Pongs reached the leader");
    }

    private static Set<String> keys(List<AuditQuery.Message> messages) {
        Set<String> keys = new HashSet<>();
        messages.forEach(m -> keys.add(m.from() + "->" + m.to() + "#" + m.seq() + ":" + m.label()));
        return keys;
    }
}
