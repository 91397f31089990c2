package io.choreo.runtime;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.handler.AsyncRoleHandler;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.handler.TimeoutContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A two-phase commit whose coordinator waits for the votes under a deadline given at run time ({@code vote_ms}),
 * with handlers that record what happened and can hold a vote: shared by the in-memory, durable and cluster tests.
 */
public final class TimedCommit {
    /** The protocol; the deadline line is 4. */
    public static final String PROTOCOL = """
            choreography TimedCommit {
              roles: Coordinator, P[N];
              Coordinator -> P[*]: Prepare;
              choice Coordinator within vote_ms {
                vote: { P[i] -> Coordinator: Vote; Coordinator -> P[*]: Commit; }
                timeout: { P[i] -> Coordinator: Vote; Coordinator -> P[*]: Abort; }
              }
              P[i] -> Coordinator: Ack;
            }""";
    /** The timeout event of the protocol in a trace. */
    public static final String TIMEOUT_EVENT = "Coordinator: timeout(vote_ms) at line 4";

    private TimedCommit() {
    }

    public static CompiledProtocol protocol() {
        return RuntimeTestSupport.compile(PROTOCOL);
    }

    /** The coordinator: records what it received and when it timed out (its result); the deadline from its variables. */
    public static class Coordinator implements RoleHandler {
        public final List<String> events = new CopyOnWriteArrayList<>();
        public final CompletableFuture<TimeoutContext> timedOut = new CompletableFuture<>();
        public final AtomicInteger asked = new AtomicInteger();
        private final Object deadline;
        private final Runnable onFirstVote;

        /** {@code deadline}: milliseconds or a Duration (null supplies none); {@code onFirstVote} runs once. */
        public Coordinator(Object deadline, Runnable onFirstVote) {
            this.deadline = deadline;
            this.onFirstVote = onFirstVote;
        }

        public Coordinator(Object deadline) {
            this(deadline, () -> { });
        }

        @Override
        public Map<String, ?> guardVariables(ChoiceContext choice) {
            asked.incrementAndGet();
            return deadline == null ? Map.of() : Map.of("vote_ms", deadline);
        }

        @Override
        public void received(ReceiveContext r) {
            events.add(r.from() + "?" + r.label());
            if (r.label().equals("Vote") && events.stream().filter(e -> e.endsWith("?Vote")).count() == 1) {
                onFirstVote.run();
            }
        }

        @Override
        public void timedOut(TimeoutContext t) {
            events.add("timeout");
            timedOut.complete(t);
        }

        @Override
        public Object result() {
            return List.copyOf(events);
        }
    }

    /** A participant whose vote (or offer) waits for {@code release} (null: at once). */
    public static AsyncRoleHandler voter(CompletionStage<?> release) {
        return new AsyncRoleHandler() {
            @Override
            public CompletionStage<Object> payloadAsync(SendContext send) {
                if (release != null && List.of("Vote", "Offer").contains(send.message().label())) {
                    return release.thenApply(x -> null);
                }
                return CompletableFuture.completedFuture(null);
            }
        };
    }
}
