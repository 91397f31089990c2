package io.choreo.runtime.session;

import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.role.HandlerCalls;
import io.choreo.runtime.role.Peers;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.role.RoleFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Where a session's participants run. {@link #local()} spawns them as children of the session actor; the cluster
 * module places them as sharded entities on any node.
 */
public interface RolePlacement {

    /** Starts every participant (and sends each its {@code Start}); returns how they reach each other. */
    Peers place(ActorContext<SessionActor.Command> context, SessionSpec spec, Map<String, Participant> participants)
            throws RoleFailure;

    /**
     * How often the session reminds unfinished participants of the session (placements whose participants can move
     * between nodes use it to reactivate them), or empty for never.
     */
    default Optional<Duration> remindEvery() {
        return Optional.empty();
    }

    /** Reminds unfinished participants: by default, nothing. */
    default void remind(ActorContext<SessionActor.Command> context, SessionSpec spec, Peers peers,
                        Set<String> unfinished) {
    }

    /** Participants as children of the session actor, made by the spec's {@code RoleBehaviors}. */
    static RolePlacement local() {
        return (context, spec, participants) -> {
            Map<String, ActorRef<RoleActor.Command>> refs = new HashMap<>();
            for (Participant p : participants.values()) {
                String instanceName = spec.instanceName(p);
                RoleHandler handler = HandlerCalls.call(p.name(), "creating the handler",
                        () -> spec.handlers().create(p.role(), p.name(), instanceName));
                ActorRef<RoleActor.Command> ref = context.spawn(spec.roleBehaviors().createLogged(
                        new RoleActor.Setup(spec.sessionId(), p, instanceName, handler, spec.extensions(),
                                context.getSelf(), spec.options())), SessionActor.actorName(p.name()));
                if (!spec.roleBehaviors().reportsStop()) {
                    context.watchWith(ref, SessionActor.roleStopped(p.name()));
                }
                refs.put(p.name(), ref);
            }
            Peers peers = new Peers.Local(refs);
            if (!spec.roleBehaviors().askForPeers()) {
                RoleActor.Start start = new RoleActor.Start(peers);
                refs.values().forEach(r -> r.tell(start));
            }
            return peers;
        };
    }
}
