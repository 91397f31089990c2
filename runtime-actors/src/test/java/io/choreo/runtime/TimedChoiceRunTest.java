package io.choreo.runtime;

import static io.choreo.runtime.RuntimeTestSupport.completed;
import static io.choreo.runtime.RuntimeTestSupport.compile;
import static io.choreo.runtime.RuntimeTestSupport.failed;
import static io.choreo.runtime.RuntimeTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.handler.AsyncRoleHandler;
import io.choreo.runtime.handler.TimeoutContext;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Timed choices run in memory: Pekko timers in the role shell, the timeout branch, late messages consumed. */
class TimedChoiceRunTest {
    static final ActorTestKit kit = ActorTestKit.create();

    static final CompiledProtocol COMMIT = TimedCommit.protocol();

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    static AsyncRoleHandler participant(CompletionStage<?> release) {
        return TimedCommit.voter(release);
    }

    private static SessionSpec spec(TimedCommit.Coordinator coordinator, int slow) {
        return SessionSpec.of(COMMIT).bindRoleCount("P", 3).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withHandlers((role, participant, name) -> role.equals("Coordinator") ? coordinator
                        : participant(participant.equals("P[" + slow + "]") ? coordinator.timedOut : null));
    }

    @Test
    void votesBeforeTheDeadlineTakeTheVoteBranch() {
        TimedCommit.Coordinator c = new TimedCommit.Coordinator(Duration.ofSeconds(30));
        SessionOutcome.SessionCompleted done = completed(run(kit, spec(c, -1)));
        assertEquals(List.of("P[0]?Vote", "P[1]?Vote", "P[2]?Vote", "P[0]?Ack", "P[1]?Ack", "P[2]?Ack"),
                done.results().get("Coordinator"));
        assertTrue(done.trace().stream().noneMatch(TraceEvent::local), done.trace()::toString);
        assertTrue(done.trace().stream().anyMatch(e -> e.label().equals("Commit")), done.trace()::toString);
    }

    @Test
    void theDeadlineFiresDuringTheGatherAndOnlyTheLateVoteIsConsumed() {
        TimedCommit.Coordinator c = new TimedCommit.Coordinator(200L);
        SessionOutcome.SessionCompleted done = completed(run(kit, spec(c, 2)));
        assertEquals(List.of("P[0]?Vote", "P[1]?Vote", "timeout", "P[2]?Vote", "P[0]?Ack", "P[1]?Ack", "P[2]?Ack"),
                done.results().get("Coordinator"));
        List<String> trace = done.trace().stream().map(TraceEvent::toString).toList();
        int timeout = trace.indexOf(TimedCommit.TIMEOUT_EVENT);
        assertTrue(timeout >= 0, trace::toString);
        assertTrue(trace.indexOf("P[2] -> Coordinator: Vote") > timeout, trace::toString);
        assertTrue(trace.contains("Coordinator -> P[0]: Abort") && !trace.contains("Coordinator -> P[0]: Commit"),
                trace::toString);
        assertEquals(Duration.ofMillis(200), c.timedOut.join().duration());
        assertEquals(1, c.asked.get(), "one deadline for the whole gather, not one per vote");
    }

    @Test
    void aDeadlineBeforeAnyVoteDrainsEveryVote() {
        TimedCommit.Coordinator c = new TimedCommit.Coordinator(Duration.ofMillis(100));
        SessionSpec spec = SessionSpec.of(COMMIT).bindRoleCount("P", 2).withTrace(true)
                .withTimeout(RuntimeTestSupport.SHORT).withHandlers((role, participant, name) ->
                        role.equals("Coordinator") ? c : participant(c.timedOut));
        SessionOutcome.SessionCompleted done = completed(run(kit, spec));
        assertEquals(List.of("timeout", "P[0]?Vote", "P[1]?Vote", "P[0]?Ack", "P[1]?Ack"),
                done.results().get("Coordinator"));
    }

    @Test
    void aMissingDeadlineVariableIsATypedFailure() {
        SessionOutcome.SessionFailed f = failed(run(kit, spec(new TimedCommit.Coordinator(null), -1)));
        SessionError.GuardFailed g = assertInstanceOf(SessionError.GuardFailed.class, f.cause());
        assertEquals(4, g.line());
        assertTrue(g.detail().contains("'vote_ms'"), g::detail);
    }

    @Test
    void aFixedDeadlineOnASingleReceive() {
        CompiledProtocol offer = compile("""
                choreography Offer { roles: Buyer, Seller;
                  Seller -> Buyer: Quote;
                  choice Seller within 150ms {
                    offer: { Buyer -> Seller: Offer; Seller -> Buyer: Accept; }
                    timeout: { Buyer -> Seller: Offer; Seller -> Buyer: Expired; }
                  }
                }""");
        TimedCommit.Coordinator seller = new TimedCommit.Coordinator(null);
        SessionSpec spec = SessionSpec.of(offer).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withHandlers((role, participant, name) -> role.equals("Seller") ? seller
                        : participant(seller.timedOut));
        SessionOutcome.SessionCompleted done = completed(run(kit, spec));
        assertEquals(List.of("timeout", "Buyer?Offer"), done.results().get("Seller"));
        assertEquals(Duration.ofMillis(150), seller.timedOut.join().duration());
        assertTrue(done.trace().stream().anyMatch(e -> e.label().equals("Expired")), done.trace()::toString);
    }
}
