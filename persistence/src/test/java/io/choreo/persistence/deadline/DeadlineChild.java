package io.choreo.persistence.deadline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.handler.AsyncRoleHandler;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.handler.TimeoutContext;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The JVM that {@link DurableDeadlineKillTest} kills: runs a durable two-phase commit whose coordinator waits for
 * votes under a deadline, with one participant that never votes here, and prints {@code WAITING} once the
 * coordinator consumed the first vote (so its deadline is in the journal), {@code TIMEDOUT} if it timed out here. Also the protocol and handlers the
 * resuming test uses.
 */
public final class DeadlineChild {
    static final String PROTOCOL = """
            choreography DeadlineCommit {
              roles: Coordinator, P[2];
              Coordinator -> P[*]: Prepare;
              choice Coordinator within vote_ms {
                vote: { P[i] -> Coordinator: Vote; Coordinator -> P[*]: Commit; }
                timeout: { P[i] -> Coordinator: Vote; Coordinator -> P[*]: Abort; }
              }
              P[i] -> Coordinator: Ack;
            }""";
    static final long DEADLINE_MS = 6_000;
    /**
     * How long the child runs on after {@code WAITING} before the kill: H2 in file mode writes its store in the
     * background (up to about a second late), so a SIGKILL sooner could lose the journal's last writes.
     */
    static final long FLUSH_MS = 2_500;

    private DeadlineChild() {
    }

    static CompiledProtocol protocol() {
        return Compiler.compile("deadline.choreo", PROTOCOL).protocol(null);
    }

    static Config config(Path journal) {
        return JournalDatabase.h2(journal).withFallback(ConfigFactory.load("application-test"));
    }

    /** The coordinator: its events, the deadline from its variables, {@code onFirstVote} run once. */
    static final class Coordinator implements RoleHandler {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<TimeoutContext> timedOut = new CompletableFuture<>();
        private final Runnable onFirstVote;
        private final Runnable onTimeout;
        private final long deadlineMillis;

        Coordinator(long deadlineMillis, Runnable onFirstVote, Runnable onTimeout) {
            this.deadlineMillis = deadlineMillis;
            this.onFirstVote = onFirstVote;
            this.onTimeout = onTimeout;
        }

        @Override
        public Map<String, ?> guardVariables(ChoiceContext choice) {
            return Map.of("vote_ms", deadlineMillis);
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
            onTimeout.run();
            timedOut.complete(t);
        }

        @Override
        public Object result() {
            return List.copyOf(events);
        }
    }

    /** A participant whose vote waits for {@code release}. */
    static AsyncRoleHandler voter(CompletionStage<?> release) {
        return new AsyncRoleHandler() {
            @Override
            public CompletionStage<Object> payloadAsync(SendContext send) {
                return send.message().label().equals("Vote") ? release.thenApply(x -> null)
                        : CompletableFuture.completedFuture(null);
            }
        };
    }

    static SessionSpec spec(String sessionId, Coordinator coordinator, CompletionStage<?> slowVote) {
        return DurableSessions.durable(SessionSpec.of(protocol()).withSessionId(sessionId).withTrace(true)
                .withTimeout(Duration.ofSeconds(60)).withHandlers((role, participant, name) ->
                        role.equals("Coordinator") ? coordinator : voter(participant.equals("P[1]") ? slowVote
                                : CompletableFuture.completedFuture(null))));
    }

    /** {@code args}: the journal file, the session id. */
    public static void main(String[] args) throws Exception {
        Config config = config(Path.of(args[0]));
        ActorSystem<SessionOutcome> system = ActorSystem.create(Behaviors.setup(ctx -> {
            JournalDatabase.createSchema(ctx.getSystem()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            Coordinator coordinator = new Coordinator(DEADLINE_MS, () -> System.out.println("WAITING"),
                    () -> System.out.println("TIMEDOUT"));
            ctx.spawn(SessionActor.create(spec(args[1], coordinator, new CompletableFuture<>()), ctx.getSelf()),
                    "session");
            return Behaviors.receiveMessage(outcome -> {
                System.out.println("OUTCOME " + outcome);
                return Behaviors.same();
            });
        }), "deadline-child", config);
        system.getWhenTerminated().toCompletableFuture().get();
    }
}
