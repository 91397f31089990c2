package io.choreo.cluster.sharding;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.choreo.persistence.durable.DurableRole;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.local.Participants;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.observe.SessionMdc;
import io.choreo.runtime.role.Peers;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * A participant as a Cluster Sharding entity, id {@code sessionId/role/index} ({@code sessionId/role} for plain
 * roles). It waits for {@link Activate} — sent by the session when it starts and repeated until the participant
 * finishes — then runs as a {@link DurableRole} built from this node's {@link ProtocolRegistry}. If the entity moves
 * to another node (rebalance, or its node crashed), the next {@code Activate} or redelivered message restarts it
 * there and it recovers its progress from the shared journal.
 */
public final class RoleEntity {

    public static final EntityTypeKey<RoleActor.Command> TYPE_KEY =
            EntityTypeKey.create(RoleActor.Command.class, "choreo-role");

    /** What a participant entity needs to (re)start: sent by its session, repeatedly while it is unfinished. */
    public record Activate(String sessionId, String protocol, Bindings bindings, String participant,
                           ActorRef<SessionActor.Command> session,
                           @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Peers peers) implements RoleActor.Command {
    }

    private RoleEntity() {
    }

    /** {@code sessionId/role/index}, or {@code sessionId/role} for a plain role. */
    public static String entityId(String sessionId, String participant) {
        int open = participant.indexOf('[');
        return open < 0 ? sessionId + "/" + participant
                : sessionId + "/" + participant.substring(0, open) + "/"
                        + participant.substring(open + 1, participant.length() - 1);
    }

    public static Behavior<RoleActor.Command> create() {
        return Behaviors.setup(ctx -> Behaviors.withStash(RoleActor.MAX_EARLY, stash -> waiting(ctx, stash)));
    }

    private static Behavior<RoleActor.Command> waiting(ActorContext<RoleActor.Command> ctx,
                                                       StashBuffer<RoleActor.Command> stash) {
        return Behaviors.receive(RoleActor.Command.class)
                .onMessage(Activate.class, a -> activate(ctx, stash, a))
                .onMessage(RoleActor.Command.class, c -> {
                    if (!stash.isFull()) {
                        stash.stash(c);
                    }
                    return Behaviors.same();
                })
                .build();
    }

    private static Behavior<RoleActor.Command> activate(ActorContext<RoleActor.Command> ctx,
                                                        StashBuffer<RoleActor.Command> stash, Activate a) {
        Optional<ProtocolRegistry.Registration> registration = ProtocolRegistry.get(ctx.getSystem())
                .lookup(a.protocol());
        if (registration.isEmpty()) {
            a.session().tell(new SessionActor.RoleFailed(a.participant(), new SessionError.RoleCrashed(
                    a.participant(), "protocol " + a.protocol() + " is not registered on node "
                    + ctx.getSystem().address())));
            return Behaviors.ignore();
        }
        ProtocolRegistry.Registration r = registration.get();
        Participant participant = Participants.of(r.protocol(), ResolvedBindings.resolve(r.protocol().global(),
                a.bindings())).get(a.participant());
        String instanceName = a.bindings().instanceName(participant);
        RoleHandler handler = r.handlers().create(participant.role(), participant.name(), instanceName);
        Behavior<RoleActor.Command> durable = DurableRole.create(new RoleActor.Setup(a.sessionId(), participant,
                instanceName, handler, r.extensions(), a.session()));
        Behavior<RoleActor.Command> running = SessionMdc.participant(a.sessionId(), a.participant(),
                Behaviors.intercept(ActivateAsStart::new, durable));
        ctx.getSelf().tell(new RoleActor.Start(a.peers()));
        return stash.unstashAll(running);
    }

    /** Once running, a repeated {@link Activate} is a reminder: it reaches the participant as a {@code Start}. */
    private static final class ActivateAsStart extends BehaviorInterceptor<RoleActor.Command, RoleActor.Command> {
        ActivateAsStart() {
            super(RoleActor.Command.class);
        }

        @Override
        public Behavior<RoleActor.Command> aroundReceive(TypedActorContext<RoleActor.Command> ctx,
                                                         RoleActor.Command msg,
                                                         ReceiveTarget<RoleActor.Command> target) {
            return target.apply(ctx, msg instanceof Activate a ? new RoleActor.Start(a.peers()) : msg);
        }
    }
}
