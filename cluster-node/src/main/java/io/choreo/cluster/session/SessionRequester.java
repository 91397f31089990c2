package io.choreo.cluster.session;

import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Asks a session's coordinator entity for the outcome: sends {@link SessionCoordinator.Begin} every
 * {@link #RESEND} until the coordinator has recorded this requester in the journal (a Begin is lost when the
 * coordinator's node dies before persisting it, or when sharding drops it while handing the shard over), then waits
 * for the outcome, told by whichever node runs the coordinator when the session ends. Gives up after
 * {@code patience}, completing the future with a {@link TimeoutException}.
 */
final class SessionRequester {
    /** How often an unaccepted Begin is sent again. */
    static final Duration RESEND = Duration.ofSeconds(1);

    sealed interface Command {
    }

    private record Outcome(SessionOutcome outcome) implements Command {
    }

    private record Accepted(SessionCoordinator.Accepted accepted) implements Command {
    }

    private enum Resend implements Command { INSTANCE }

    private enum GiveUp implements Command { INSTANCE }

    private SessionRequester() {
    }

    /** {@code begin} makes the Begin from the addresses for the outcome and for the acceptance. */
    static Behavior<Command> create(EntityRef<SessionActor.Command> coordinator,
                                    BiFunction<ActorRef<SessionOutcome>, ActorRef<SessionCoordinator.Accepted>,
                                            SessionCoordinator.Begin> begin,
                                    Duration patience, CompletableFuture<SessionOutcome> result) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            SessionActor.Command message = begin.apply(ctx.messageAdapter(SessionOutcome.class, Outcome::new),
                    ctx.messageAdapter(SessionCoordinator.Accepted.class, Accepted::new));
            coordinator.tell(message);
            timers.startTimerWithFixedDelay(Resend.INSTANCE, RESEND);
            timers.startSingleTimer(GiveUp.INSTANCE, patience);
            return Behaviors.receive(Command.class)
                    .onMessageEquals(Resend.INSTANCE, () -> {
                        coordinator.tell(message);
                        return Behaviors.same();
                    })
                    .onMessage(Accepted.class, a -> {
                        timers.cancel(Resend.INSTANCE);
                        return Behaviors.same();
                    })
                    .onMessage(Outcome.class, o -> {
                        result.complete(o.outcome());
                        return Behaviors.stopped();
                    })
                    .onMessageEquals(GiveUp.INSTANCE, () -> {
                        result.completeExceptionally(new TimeoutException("no outcome of session "
                                + coordinator.getEntityId() + " within " + patience.toSeconds() + " s"));
                        return Behaviors.stopped();
                    })
                    .build();
        }));
    }
}
