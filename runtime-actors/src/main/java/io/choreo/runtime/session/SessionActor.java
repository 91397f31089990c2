package io.choreo.runtime.session;

import io.choreo.projection.bind.BindingException;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.role.RoleActor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs one session: resolves its bindings, spawns a {@link RoleActor} per participant, tells them who is who, and
 * reports {@link SessionOutcome.SessionCompleted} when all finish or {@link SessionOutcome.SessionFailed} on the
 * first typed failure, a crashed role, or the timeout. Role actors are children: they stop with the session.
 */
public final class SessionActor {

    /** Messages of the session actor (reports from its roles). */
    public interface Command {
    }

    /** A participant reached {@code end}. */
    public record RoleFinished(String participant, Object result) implements Command {
    }

    /** A participant failed with a typed cause. */
    public record RoleFailed(String participant, SessionError error) implements Command {
    }

    /** A participant sent a message. */
    public record Traced(TraceEvent event) implements Command {
    }

    /** A participant restarted after a failure (a durable one recovers its progress) and needs its peers again. */
    public record PeersRequest(String participant, ActorRef<RoleActor.Command> replyTo) implements Command {
    }

    private record RoleStopped(String participant) implements Command {
    }

    private enum Timeout implements Command { INSTANCE }

    private final ActorContext<Command> context;
    private final SessionSpec spec;
    private final ActorRef<SessionOutcome> replyTo;
    private final Set<String> unfinished = new LinkedHashSet<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<TraceEvent> trace = new ArrayList<>();

    private SessionActor(ActorContext<Command> context, SessionSpec spec, ActorRef<SessionOutcome> replyTo) {
        this.context = context;
        this.spec = spec;
        this.replyTo = replyTo;
    }

    public static Behavior<Command> create(SessionSpec spec, ActorRef<SessionOutcome> replyTo) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new SessionActor(ctx, spec, replyTo).start(timers)));
    }

    private Behavior<Command> start(TimerScheduler<Command> timers) {
        Map<String, Participant> participants;
        try {
            participants = spec.source().participants(spec.bindings());
        } catch (BindingException e) {
            return failed(new SessionError.InvalidBindings(e.problems()));
        }
        Map<String, ActorRef<RoleActor.Command>> refs = new HashMap<>();
        for (Participant p : participants.values()) {
            String instanceName = p.index().map(i -> {
                List<String> names = spec.bindings().instanceNames().get(p.role());
                return names == null ? p.name() : names.get(i);
            }).orElse(p.name());
            RoleHandler handler;
            try {
                handler = spec.handlers().create(p.role(), p.name(), instanceName);
            } catch (RuntimeException e) {
                return failed(new SessionError.HandlerFailed(p.name(), "creating the handler: " + e));
            }
            ActorRef<RoleActor.Command> ref = context.spawn(spec.roleBehaviors().create(new RoleActor.Setup(spec.sessionId(), p,
                    instanceName, handler, spec.extensions(), context.getSelf())), actorName(p.name()));
            context.watchWith(ref, new RoleStopped(p.name()));
            refs.put(p.name(), ref);
            unfinished.add(p.name());
        }
        RoleActor.Start startMessage = new RoleActor.Start(refs);
        refs.values().forEach(r -> r.tell(startMessage));
        timers.startSingleTimer(Timeout.INSTANCE, spec.timeout());
        return running(startMessage);
    }

    /** Actor names must be URL-safe: {@code Followers[2]} becomes {@code Followers-2}. */
    static String actorName(String participant) {
        return participant.replace("[", "-").replace("]", "");
    }

    private Behavior<Command> running(RoleActor.Start startMessage) {
        return Behaviors.receive(Command.class)
                .onMessage(PeersRequest.class, r -> {
                    r.replyTo().tell(startMessage);
                    return Behaviors.same();
                })
                .onMessage(Traced.class, t -> {
                    trace.add(t.event());
                    return Behaviors.same();
                })
                .onMessage(RoleFinished.class, f -> {
                    unfinished.remove(f.participant());
                    results.put(f.participant(), f.result());
                    if (unfinished.isEmpty()) {
                        replyTo.tell(new SessionOutcome.SessionCompleted(spec.sessionId(), spec.name(),
                                results, List.copyOf(trace)));
                        return Behaviors.stopped();
                    }
                    return Behaviors.same();
                })
                .onMessage(RoleFailed.class, f -> failed(f.error()))
                .onMessage(RoleStopped.class, s -> failed(new SessionError.RoleCrashed(s.participant(),
                        "its actor stopped before the protocol ended")))
                .onMessage(Timeout.class, t -> failed(new SessionError.SessionTimedOut(spec.timeout().toMillis(),
                        List.copyOf(unfinished))))
                .build();
    }

    private Behavior<Command> failed(SessionError error) {
        context.getLog().info("session {} of {} failed: {}", spec.sessionId(), spec.name(),
                error.describe());
        replyTo.tell(new SessionOutcome.SessionFailed(spec.sessionId(), spec.name(), error,
                List.copyOf(trace)));
        return Behaviors.stopped();
    }
}
