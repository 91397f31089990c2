package io.choreo.persistence.deadline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.runtime.TimedCommit;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The JVM that {@link DurableDeadlineKillTest} kills: runs a durable two-phase commit whose coordinator waits for
 * votes under a deadline, with one participant that never votes here, and prints {@code WAITING} once the
 * coordinator consumed the first vote (so its deadline is in the journal), {@code TIMEDOUT} if it timed out here.
 */
public final class DeadlineChild {
    static final long DEADLINE_MS = 6_000;
    /**
     * How long the child runs on after {@code WAITING} before the kill: H2 in file mode writes its store in the
     * background (up to about a second late), so a SIGKILL sooner could lose the journal's last writes.
     */
    static final long FLUSH_MS = 2_500;

    private DeadlineChild() {
    }

    static Config config(Path journal) {
        return JournalDatabase.h2(journal).withFallback(ConfigFactory.load("application-test"));
    }

    static SessionSpec spec(String sessionId, TimedCommit.Coordinator coordinator, CompletionStage<?> slowVote) {
        return DurableSessions.durable(SessionSpec.of(TimedCommit.protocol()).bindRoleCount("P", 2)
                .withSessionId(sessionId).withTrace(true).withTimeout(Duration.ofSeconds(60))
                .withHandlers((role, participant, name) -> role.equals("Coordinator") ? coordinator
                        : TimedCommit.voter(participant.equals("P[1]") ? slowVote : null)));
    }

    /** {@code args}: the journal file, the session id. */
    public static void main(String[] args) throws Exception {
        Config config = config(Path.of(args[0]));
        ActorSystem<SessionOutcome> system = ActorSystem.create(Behaviors.setup(ctx -> {
            JournalDatabase.createSchema(ctx.getSystem()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            TimedCommit.Coordinator coordinator = new TimedCommit.Coordinator(DEADLINE_MS,
                    () -> System.out.println("WAITING"));
            coordinator.timedOut.thenRun(() -> System.out.println("TIMEDOUT"));
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
