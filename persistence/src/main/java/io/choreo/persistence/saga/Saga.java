package io.choreo.persistence.saga;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.choreo.persistence.journal.JournalRestarts;
import io.choreo.runtime.wire.CborSerializable;
import io.choreo.runtime.resilience.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * A multi-phase workflow with compensation (a saga), driven by a persisted log. Phases run in order; each one that
 * completes is logged. If a phase fails, the completed phases are compensated in reverse order, each compensation
 * logged too. A compensation that fails is retried with backoff ({@link RetryPolicy}, on Pekko's
 * {@code Patterns.retry}); once its attempts are used up the failure is logged and the saga carries on with the
 * other compensations, still in reverse order, and reports which failed. After a crash the saga recovers from its
 * log and carries on where it stopped — running, or compensating — so phases and compensations are performed at
 * least once and should be idempotent.
 */
public final class Saga extends EventSourcedBehavior<Saga.Command, Saga.Event, Saga.State> {

    /** A phase: its action (for instance running a session) and how to undo it. */
    public record Phase(String name, Supplier<CompletionStage<?>> action, Supplier<CompletionStage<Done>> compensation) {
    }

    /** The end of a saga. */
    public sealed interface Outcome {
    }

    /** Every phase completed. */
    public record Completed(List<String> phases) implements Outcome {
    }

    /**
     * Phase {@code failed} failed; {@code compensated} were undone, in that order; the compensations of
     * {@code compensationsFailed} failed for good (their phases are not undone).
     */
    public record Compensated(String failed, String reason, List<String> compensated,
                              List<CompensationFailed> compensationsFailed) implements Outcome {
        /** Whether every completed phase was undone. */
        public boolean fullyCompensated() {
            return compensationsFailed.isEmpty();
        }
    }

    /** Messages of the saga. */
    public interface Command {
    }

    private enum Continue implements Command { INSTANCE }

    private record PhaseResult(String name, Throwable error) implements Command {
    }

    private record CompensationResult(String name, Throwable error) implements Command {
    }

    /** What the log records. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(PhaseCompleted.class),
        @JsonSubTypes.Type(PhaseFailed.class),
        @JsonSubTypes.Type(PhaseCompensated.class),
        @JsonSubTypes.Type(CompensationFailed.class)
    })
    public sealed interface Event extends CborSerializable {
    }

    public record PhaseCompleted(String phase) implements Event {
    }

    public record PhaseFailed(String phase, String reason) implements Event {
    }

    public record PhaseCompensated(String phase) implements Event {
    }

    /** The compensation of {@code phase} failed {@code attempts} times, the last with {@code reason}. */
    public record CompensationFailed(String phase, String reason, int attempts) implements Event {
    }

    /** The log folded: completed phases, the failure if any, and the compensations done or given up. */
    public record State(List<String> completed, String failed, String reason, List<String> compensated,
                        List<CompensationFailed> compensationsFailed) {
        boolean compensating() {
            return failed != null;
        }

        /** The next phase to undo, if any. */
        String nextToCompensate() {
            for (int i = completed.size() - 1; i >= 0; i--) {
                String phase = completed.get(i);
                if (!compensated.contains(phase)
                        && compensationsFailed.stream().noneMatch(f -> f.phase().equals(phase))) {
                    return completed.get(i);
                }
            }
            return null;
        }
    }

    private final ActorContext<Command> context;
    private final List<Phase> phases;
    private final ActorRef<Outcome> replyTo;
    private final RetryPolicy compensationRetry;
    private boolean working;

    private Saga(ActorContext<Command> context, String sagaId, List<Phase> phases, RetryPolicy compensationRetry,
                 ActorRef<Outcome> replyTo) {
        super(PersistenceId.of("choreo-saga", sagaId), JournalRestarts.backoff(context.getSystem()));
        this.context = context;
        this.phases = List.copyOf(phases);
        this.compensationRetry = compensationRetry;
        this.replyTo = replyTo;
    }

    /** Compensations by default: 3 attempts in all, waiting 200 ms, then 400 ms (plus up to 25% jitter). */
    public static final RetryPolicy DEFAULT_COMPENSATION_RETRY =
            RetryPolicy.exponential(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    /** A saga that starts (or resumes, from its log) as soon as it is spawned, and reports to {@code replyTo}. */
    public static Behavior<Command> create(String sagaId, List<Phase> phases, ActorRef<Outcome> replyTo) {
        return create(sagaId, phases, DEFAULT_COMPENSATION_RETRY, replyTo);
    }

    /** As above, retrying each failing compensation by {@code compensationRetry} before logging it as failed. */
    public static Behavior<Command> create(String sagaId, List<Phase> phases, RetryPolicy compensationRetry,
                                           ActorRef<Outcome> replyTo) {
        return Behaviors.setup(ctx -> new Saga(ctx, sagaId, phases, compensationRetry, replyTo));
    }

    @Override
    public State emptyState() {
        return new State(List.of(), null, null, List.of(), List.of());
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(PhaseCompleted.class, (s, e) -> new State(append(s.completed(), e.phase()), s.failed(),
                        s.reason(), s.compensated(), s.compensationsFailed()))
                .onEvent(PhaseFailed.class, (s, e) -> new State(s.completed(), e.phase(), e.reason(), s.compensated(),
                        s.compensationsFailed()))
                .onEvent(PhaseCompensated.class, (s, e) -> new State(s.completed(), s.failed(), s.reason(),
                        append(s.compensated(), e.phase()), s.compensationsFailed()))
                .onEvent(CompensationFailed.class, (s, e) -> new State(s.completed(), s.failed(), s.reason(),
                        s.compensated(), append(s.compensationsFailed(), e)))
                .build();
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    @Override
    public CommandHandler<Command, Event, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Continue.class, (state, c) -> next(state))
                .onCommand(PhaseResult.class, (state, r) -> {
                    working = false;
                    Event event = r.error() == null ? new PhaseCompleted(r.name())
                            : new PhaseFailed(r.name(), String.valueOf(r.error().getMessage()));
                    return Effect().persist(event).thenRun(s -> context.getSelf().tell(Continue.INSTANCE));
                })
                .onCommand(CompensationResult.class, (state, r) -> {
                    working = false;
                    if (r.error() != null) {
                        Throwable cause = r.error() instanceof CompletionException c && c.getCause() != null
                                ? c.getCause() : r.error();
                        context.getLog().warn("compensation of {} failed {} times, giving up and going on: {}",
                                r.name(), compensationRetry.attempts(), cause.getMessage());
                        return Effect().persist(new CompensationFailed(r.name(), String.valueOf(cause.getMessage()),
                                        compensationRetry.attempts()))
                                .thenRun(s -> context.getSelf().tell(Continue.INSTANCE));
                    }
                    return Effect().persist(new PhaseCompensated(r.name()))
                            .thenRun(s -> context.getSelf().tell(Continue.INSTANCE));
                })
                .build();
    }

    /** Starts the next phase or compensation, or reports the end. */
    private Effect<Event, State> next(State state) {
        if (working) {
            return Effect().none();
        }
        if (state.compensating()) {
            String undo = state.nextToCompensate();
            if (undo == null) {
                replyTo.tell(new Compensated(state.failed(), state.reason(), state.compensated(),
                        state.compensationsFailed()));
                return Effect().stop();
            }
            working = true;
            context.pipeToSelf(compensate(phase(undo)), (ok, error) -> new CompensationResult(undo, error));
            return Effect().none();
        }
        if (state.completed().size() == phases.size()) {
            replyTo.tell(new Completed(state.completed()));
            return Effect().stop();
        }
        Phase phase = phases.get(state.completed().size());
        working = true;
        CompletionStage<?> action;
        try {
            action = phase.action().get();
        } catch (RuntimeException e) {
            action = CompletableFuture.failedFuture(e);
        }
        context.pipeToSelf(action, (ok, error) -> new PhaseResult(phase.name(), error));
        return Effect().none();
    }

    /** Runs a compensation with retries; each failed attempt is one WARN line. */
    private CompletionStage<Done> compensate(Phase phase) {
        AtomicInteger attempt = new AtomicInteger();
        org.slf4j.Logger log = context.getLog();
        return compensationRetry.run(() -> {
            int n = attempt.incrementAndGet();
            CompletionStage<Done> undo;
            try {
                undo = phase.compensation().get();
            } catch (RuntimeException e) {
                undo = CompletableFuture.failedFuture(e);
            }
            return undo.whenComplete((ok, error) -> {
                if (error != null && n < compensationRetry.attempts()) {
                    log.warn("compensation of {} failed (attempt {} of {}), retrying: {}", phase.name(), n,
                            compensationRetry.attempts(), error.getMessage());
                }
            });
        }, (ok, error) -> error != null, context.getSystem());
    }

    private Phase phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    working = false;
                    context.getSelf().tell(Continue.INSTANCE);
                })
                .build();
    }
}
