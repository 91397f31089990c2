package io.choreo.runtime.compose;

import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs several sessions at once and aggregates their outcomes, with one deadline for all: sessions still running at
 * the deadline are stopped and listed as timed out. The aggregate goes to {@code replyTo} and is then broadcast to
 * every participant given (the guide's last step: everybody learns the combined result). With an aggregation
 * function ({@link #aggregating}) what goes out is the function's result over the workers' results, with the
 * outcomes it was computed from.
 */
public final class ParallelSessions<M> {

    /** Messages of the aggregating actor. */
    public interface Command {
    }

    private record SessionDone(SessionOutcome outcome) implements Command {
    }

    private enum Deadline implements Command { INSTANCE }

    /** Every outcome by session id (in start order) and the sessions stopped at the deadline. */
    public record Aggregate(Map<String, SessionOutcome> outcomes, List<String> timedOut) {

        public List<SessionOutcome.SessionCompleted> completed() {
            return outcomes.values().stream().filter(o -> o instanceof SessionOutcome.SessionCompleted)
                    .map(o -> (SessionOutcome.SessionCompleted) o).toList();
        }

        public List<SessionOutcome.SessionFailed> failed() {
            return outcomes.values().stream().filter(o -> o instanceof SessionOutcome.SessionFailed)
                    .map(o -> (SessionOutcome.SessionFailed) o).toList();
        }

        public boolean allCompleted() {
            return timedOut.isEmpty() && failed().isEmpty();
        }

        /** The result of participant {@code participant} in each completed session, in start order. */
        public List<Object> results(String participant) {
            return completed().stream().filter(c -> c.results().containsKey(participant))
                    .map(c -> c.results().get(participant)).toList();
        }
    }

    /**
     * The aggregated result: {@code result} computed by the aggregation function from {@code sessions}; if the
     * function threw, {@code result} is null and {@code aggregationError} says what it threw.
     */
    public record Aggregated<R>(Aggregate sessions, R result, String aggregationError) {
    }

    private final Function<Aggregate, M> message;
    private final ActorRef<M> replyTo;
    private final Map<String, SessionOutcome> outcomes = new LinkedHashMap<>();
    private final Set<String> running = new LinkedHashSet<>();
    private final Map<String, ActorRef<SessionActor.Command>> sessions = new LinkedHashMap<>();

    private final List<ActorRef<M>> broadcast;

    private ParallelSessions(Function<Aggregate, M> message, ActorRef<M> replyTo, List<ActorRef<M>> broadcast) {
        this.message = message;
        this.replyTo = replyTo;
        this.broadcast = List.copyOf(broadcast);
    }

    public static Behavior<Command> create(List<SessionSpec> specs, Duration deadline, ActorRef<Aggregate> replyTo) {
        return create(specs, deadline, replyTo, List.of());
    }

    /** Like {@link #create(List, Duration, ActorRef)}, then broadcasts the aggregate to {@code participants}. */
    public static Behavior<Command> create(List<SessionSpec> specs, Duration deadline, ActorRef<Aggregate> replyTo,
                                           List<ActorRef<Aggregate>> participants) {
        return start(specs, deadline, Function.identity(), replyTo, participants);
    }

    /**
     * Runs the sessions, then aggregates with {@code aggregation} (for instance over the workers' results,
     * {@code Aggregate.results(role)}), tells {@code replyTo} and broadcasts the result to {@code participants}.
     */
    public static <R> Behavior<Command> aggregating(List<SessionSpec> specs, Duration deadline,
                                                    Function<Aggregate, R> aggregation,
                                                    ActorRef<Aggregated<R>> replyTo,
                                                    List<ActorRef<Aggregated<R>>> participants) {
        return start(specs, deadline, aggregate -> {
            try {
                return new Aggregated<>(aggregate, aggregation.apply(aggregate), null);
            } catch (RuntimeException e) {
                return new Aggregated<>(aggregate, null, String.valueOf(e));
            }
        }, replyTo, participants);
    }

    private static <M> Behavior<Command> start(List<SessionSpec> specs, Duration deadline,
                                               Function<Aggregate, M> message, ActorRef<M> replyTo,
                                               List<ActorRef<M>> participants) {
        if (specs.stream().map(SessionSpec::sessionId).distinct().count() < specs.size()) {
            throw new IllegalArgumentException("parallel sessions need distinct session ids");
        }
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ParallelSessions<M> p = new ParallelSessions<>(message, replyTo, participants);
            p.startAll(ctx, specs);
            timers.startSingleTimer(Deadline.INSTANCE, deadline);
            return p.collecting(ctx);
        }));
    }

    private void startAll(ActorContext<Command> ctx, List<SessionSpec> specs) {
        ActorRef<SessionOutcome> adapter = ctx.messageAdapter(SessionOutcome.class, SessionDone::new);
        for (SessionSpec spec : specs) {
            running.add(spec.sessionId());
            sessions.put(spec.sessionId(), ctx.spawn(SessionActor.create(spec, adapter),
                    SessionActor.sessionActorName(spec.sessionId())));
        }
    }

    private Behavior<Command> collecting(ActorContext<Command> ctx) {
        if (running.isEmpty()) {
            return finish(List.of());
        }
        return Behaviors.receive(Command.class)
                .onMessage(SessionDone.class, done -> {
                    running.remove(done.outcome().sessionId());
                    outcomes.put(done.outcome().sessionId(), done.outcome());
                    return running.isEmpty() ? finish(List.of()) : Behaviors.same();
                })
                .onMessage(Deadline.class, d -> {
                    running.forEach(id -> ctx.stop(sessions.get(id)));
                    return finish(List.copyOf(running));
                })
                .build();
    }

    private Behavior<Command> finish(List<String> timedOut) {
        Map<String, SessionOutcome> ordered = new LinkedHashMap<>();
        sessions.keySet().forEach(id -> {
            if (outcomes.containsKey(id)) {
                ordered.put(id, outcomes.get(id));
            }
        });
        M result = message.apply(new Aggregate(ordered, timedOut));
        replyTo.tell(result);
        broadcast.forEach(participant -> participant.tell(result));
        return Behaviors.stopped();
    }
}
