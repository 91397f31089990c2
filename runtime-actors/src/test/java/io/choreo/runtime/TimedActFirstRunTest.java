package io.choreo.runtime;

import static io.choreo.runtime.RuntimeTestSupport.completed;
import static io.choreo.runtime.RuntimeTestSupport.compile;
import static io.choreo.runtime.RuntimeTestSupport.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.handler.AsyncRoleHandler;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A timeout branch that acts first: at the deadline the coordinator sends {@code Abort} at once and consumes the
 * late votes afterwards, so a voter that never answers no longer holds the others until the session timeout.
 */
class TimedActFirstRunTest {
    static final ActorTestKit kit = ActorTestKit.create();

    static final CompiledProtocol ACT_FIRST = compile("""
            choreography ActFirst {
              roles: Coordinator, P[N];
              Coordinator -> P[*]: Prepare;
              choice Coordinator within vote_ms {
                vote: { P[i] -> Coordinator: Vote; Coordinator -> P[*]: Commit; }
                timeout: { Coordinator -> P[*]: Abort; P[i] -> Coordinator: Vote; }
              }
            }""");

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    /** A voter that completes {@code outcome} with the decision it receives; its vote waits for {@code release}. */
    static AsyncRoleHandler voter(CompletionStage<?> release, CompletableFuture<String> outcome) {
        return new AsyncRoleHandler() {
            @Override
            public CompletionStage<Object> payloadAsync(SendContext send) {
                return release == null ? CompletableFuture.completedFuture(null) : release.thenApply(x -> null);
            }

            @Override
            public CompletionStage<Void> receivedAsync(ReceiveContext r) {
                if (!r.label().equals("Prepare")) {
                    outcome.complete(r.label());
                }
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    private static SessionSpec spec(TimedCommit.Coordinator c, CompletionStage<?> slowVote,
                                    List<CompletableFuture<String>> outcomes, Duration sessionTimeout) {
        return SessionSpec.of(ACT_FIRST).bindRoleCount("P", outcomes.size()).withTrace(true)
                .withTimeout(sessionTimeout).withHandlers((role, participant, name) -> {
                    if (role.equals("Coordinator")) {
                        return c;
                    }
                    int i = Integer.parseInt(participant.substring(2, participant.length() - 1));
                    return voter(i == outcomes.size() - 1 ? slowVote : null, outcomes.get(i));
                });
    }

    private static List<CompletableFuture<String>> outcomes(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new CompletableFuture<String>()).toList();
    }

    @Test
    void aVoterThatNeverAnswersNoLongerHoldsTheAbort() {
        TimedCommit.Coordinator c = new TimedCommit.Coordinator(200L);
        List<CompletableFuture<String>> decided = outcomes(3);
        // P[2] never votes: only the session timeout ends the session, but every voter has the abort before
        SessionOutcome.SessionFailed f = failed(RuntimeTestSupport.run(kit,
                spec(c, new CompletableFuture<>(), decided, Duration.ofSeconds(3))));
        SessionError.SessionTimedOut t = assertInstanceOf(SessionError.SessionTimedOut.class, f.cause());
        List<String> trace = f.trace().stream().map(TraceEvent::toString).toList();
        for (int i = 0; i < 3; i++) {
            assertTrue(trace.contains("Coordinator -> P[" + i + "]: Abort"), trace::toString);
        }
        // the voters that answered got it; P[2], still composing its vote, never reads it
        assertEquals("Abort", decided.get(0).getNow("nothing"));
        assertEquals("Abort", decided.get(1).getNow("nothing"));
        assertEquals(List.of("P[0]?Vote", "P[1]?Vote", "timeout"), c.events);
        assertTrue(t.describe().contains("P[2]?Vote"), t::describe);
    }

    @Test
    void aLateVoteIsConsumedAfterTheAbortAndTheSessionCompletes() {
        TimedCommit.Coordinator c = new TimedCommit.Coordinator(200L);
        CompletableFuture<Object> release = new CompletableFuture<>();
        List<CompletableFuture<String>> decided = outcomes(3);
        // P[2] votes only once the others have the abort: its vote is late
        CompletableFuture.allOf(decided.get(0), decided.get(1)).thenRun(() -> release.complete("now"));
        SessionOutcome.SessionCompleted done = completed(RuntimeTestSupport.run(kit,
                spec(c, release, decided, RuntimeTestSupport.SHORT)));
        assertEquals(List.of("P[0]?Vote", "P[1]?Vote", "timeout", "P[2]?Vote"), done.results().get("Coordinator"));
        List<String> trace = done.trace().stream().map(TraceEvent::toString).toList();
        int abort = trace.indexOf("Coordinator -> P[0]: Abort");
        assertTrue(abort > trace.indexOf(TimedCommit.TIMEOUT_EVENT) && trace.indexOf("P[2] -> Coordinator: Vote")
                > abort && trace.contains("Coordinator -> P[2]: Abort"), trace::toString);
        assertTrue(trace.stream().noneMatch(e -> e.endsWith(": Commit")), trace::toString);
    }

    @Test
    void aDeadlineBeforeAnyVoteAbortsAndDrainsEveryVote() {
        TimedCommit.Coordinator c = new TimedCommit.Coordinator(Duration.ofMillis(100));
        List<CompletableFuture<String>> decided = outcomes(2);
        SessionOutcome.SessionCompleted done = completed(RuntimeTestSupport.run(kit, SessionSpec.of(ACT_FIRST)
                .bindRoleCount("P", 2).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withHandlers((role, participant, name) -> role.equals("Coordinator") ? c
                        : voter(c.timedOut, decided.get(participant.equals("P[0]") ? 0 : 1)))));
        assertEquals(List.of("timeout", "P[0]?Vote", "P[1]?Vote"), done.results().get("Coordinator"));
        assertEquals("Abort", decided.get(0).join());
    }
}
