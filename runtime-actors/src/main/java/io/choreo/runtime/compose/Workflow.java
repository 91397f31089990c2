package io.choreo.runtime.compose;

import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Sequential composition of sessions: each phase's session is built from the results of the phases before it; the
 * first failed phase aborts the workflow and is reported with its typed cause.
 */
public final class Workflow {

    /** Messages of the workflow actor. */
    public interface Command {
    }

    private record PhaseDone(SessionOutcome outcome) implements Command {
    }

    /** A named phase whose session is built from the completed phases before it. */
    public record Phase(String name, Function<List<SessionOutcome.SessionCompleted>, SessionSpec> session) {
    }

    /** The end of a workflow. */
    public sealed interface Outcome {
    }

    /** Every phase completed, in order. */
    public record Completed(List<SessionOutcome.SessionCompleted> phases) implements Outcome {
    }

    /** Phase {@code phase} failed; {@code completed} holds the phases that ran before it. */
    public record Failed(String phase, int index, SessionError cause, List<SessionOutcome.SessionCompleted> completed)
            implements Outcome {
    }

    private final ActorContext<Command> context;
    private final List<Phase> phases;
    private final ActorRef<Outcome> replyTo;
    private final List<SessionOutcome.SessionCompleted> completed = new ArrayList<>();

    private Workflow(ActorContext<Command> context, List<Phase> phases, ActorRef<Outcome> replyTo) {
        this.context = context;
        this.phases = List.copyOf(phases);
        this.replyTo = replyTo;
    }

    public static Behavior<Command> create(List<Phase> phases, ActorRef<Outcome> replyTo) {
        return Behaviors.setup(ctx -> new Workflow(ctx, phases, replyTo).next());
    }

    private Behavior<Command> next() {
        int index = completed.size();
        if (index == phases.size()) {
            replyTo.tell(new Completed(List.copyOf(completed)));
            return Behaviors.stopped();
        }
        Phase phase = phases.get(index);
        SessionSpec spec;
        try {
            spec = phase.session().apply(List.copyOf(completed));
        } catch (RuntimeException e) {
            return abort(phase, index, new SessionError.HandlerFailed("workflow", "building phase '" + phase.name()
                    + "': " + e));
        }
        ActorRef<SessionOutcome> adapter = context.messageAdapter(SessionOutcome.class, PhaseDone::new);
        context.spawn(SessionActor.create(spec, adapter), "phase-" + index + "-" + spec.sessionId());
        return running(phase, index);
    }

    private Behavior<Command> running(Phase phase, int index) {
        return Behaviors.receive(Command.class)
                .onMessage(PhaseDone.class, done -> {
                    if (done.outcome() instanceof SessionOutcome.SessionFailed f) {
                        return abort(phase, index, f.cause());
                    }
                    completed.add((SessionOutcome.SessionCompleted) done.outcome());
                    return next();
                })
                .build();
    }

    private Behavior<Command> abort(Phase phase, int index, SessionError cause) {
        replyTo.tell(new Failed(phase.name(), index, cause, List.copyOf(completed)));
        return Behaviors.stopped();
    }
}
