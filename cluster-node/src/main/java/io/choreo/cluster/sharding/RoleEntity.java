package io.choreo.cluster.sharding;

import io.choreo.persistence.durable.DurableRole;
import io.choreo.projection.ProtocolVersion;
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
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * A participant as a Cluster Sharding entity, id {@code sessionId/role/index} ({@code sessionId/role} for plain
 * roles). It waits for {@link Activate} — sent by the session's coordinator when it starts and repeated until the
 * participant finishes — then runs as a {@link DurableRole} built from this node's {@link ProtocolRegistry}. If the
 * entity moves to another node (rebalance, or its node crashed), the next {@code Activate} or redelivered message
 * restarts it there (a message before the activation asks the coordinator to activate it at once) and it recovers
 * its progress from the shared journal. Its reports go to the coordinator entity, wherever that runs now.
 */
public final class RoleEntity {

    public static final EntityTypeKey<RoleActor.Command> TYPE_KEY =
            EntityTypeKey.create(RoleActor.Command.class, "choreo-role");

    /** What a participant entity needs to (re)start: sent by its session, repeatedly while it is unfinished. */
    public record Activate(String sessionId, String protocol, String version, Bindings bindings, String participant,
                           Peers peers, boolean traced)
            implements RoleActor.Command {
    }

    /** Look at the registry again for {@code activate}'s version (see {@link RegistrationWait}). */
    private record Recheck(Activate activate) implements RoleActor.Command {
    }

    /** A report of the participant to its session, on its way to the session's coordinator entity. */
    private record ToSession(SessionActor.Command report) implements RoleActor.Command {
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

    /** Sends {@code activate} to its participant's entity (wherever sharding places it). */
    public static void activate(ClusterSharding sharding, Activate activate) {
        sharding.entityRefFor(TYPE_KEY, entityId(activate.sessionId(), activate.participant())).tell(activate);
    }

    /** {@code entityId} is {@code sessionId/role[/index]}: the session id is everything before the role. */
    public static Behavior<RoleActor.Command> create(String entityId) {
        return Behaviors.setup(ctx -> Behaviors.withStash(RoleActor.MAX_EARLY, stash -> waiting(ctx, stash,
                entityId, new RegistrationWait(ctx.getSystem()))));
    }

    /**
     * Not yet activated: messages wait in the stash, and the session is asked to activate this participant now (a
     * redelivered message reaches a participant restarted on another node before the next reminder does).
     */
    private static Behavior<RoleActor.Command> waiting(ActorContext<RoleActor.Command> ctx,
                                                       StashBuffer<RoleActor.Command> stash, String entityId,
                                                       RegistrationWait registration) {
        return Behaviors.receive(RoleActor.Command.class)
                .onMessage(Activate.class, a -> activate(ctx, stash, a, registration))
                .onMessage(Recheck.class, r -> {
                    registration.recheckDue();
                    return activate(ctx, stash, r.activate(), registration);
                })
                .onMessage(RoleActor.Command.class, c -> {
                    if (!stash.isFull()) {
                        stash.stash(c);
                    }
                    wake(ctx, entityId);
                    return Behaviors.same();
                })
                .build();
    }

    private static void wake(ActorContext<RoleActor.Command> ctx, String entityId) {
        String[] parts = entityId.split("/");
        if (parts.length < 2) {
            return;
        }
        boolean indexed = parts.length >= 3 && parts[parts.length - 1].chars().allMatch(Character::isDigit);
        int roleAt = indexed ? parts.length - 2 : parts.length - 1;
        String sessionId = String.join("/", java.util.Arrays.copyOfRange(parts, 0, roleAt));
        String participant = parts[roleAt] + (indexed ? "[" + parts[parts.length - 1] + "]" : "");
        SessionEntity.of(ctx.getSystem(), sessionId).tell(new SessionEntity.Wake(participant));
    }

    private static Behavior<RoleActor.Command> activate(ActorContext<RoleActor.Command> ctx,
                                                        StashBuffer<RoleActor.Command> stash, Activate a,
                                                        RegistrationWait wait) {
        ProtocolRegistry registry = ProtocolRegistry.get(ctx.getSystem());
        Optional<ProtocolRegistry.Registration> registration = registry.lookup(a.protocol(), a.version());
        if (registration.isEmpty() && wait.defer(ctx, new Recheck(a))) {
            return Behaviors.same();    // a node just started may not have registered its protocols yet
        }
        if (registration.isEmpty()) {
            // never run a participant's journal on another version: refuse, visibly, and let the session fail
            SessionError refused = new SessionError.VersionNotHosted(a.participant(), a.protocol(),
                    ProtocolVersion.orDefault(a.version()), ctx.getSystem().address().toString(),
                    registry.versions(a.protocol()));
            ctx.getLog().warn("{} (session {})", refused.describe(), a.sessionId());
            SessionEntity.of(ctx.getSystem(), a.sessionId()).tell(new SessionActor.RoleFailed(a.participant(),
                    refused));
            return Behaviors.ignore();
        }
        ProtocolRegistry.Registration r = registration.get();
        ActorRef<SessionActor.Command> session = toSession(ctx, a.sessionId());
        Participant participant = Participants.of(r.protocol(), ResolvedBindings.resolve(r.protocol().global(),
                a.bindings())).get(a.participant());
        String instanceName = a.bindings().instanceName(participant);
        RoleHandler handler = r.handlers().create(participant.role(), participant.name(), instanceName);
        Behavior<RoleActor.Command> durable = DurableRole.create(new RoleActor.Setup(a.sessionId(), participant,
                instanceName, handler, r.extensions(), session,
                io.choreo.runtime.session.SessionOptions.DEFAULTS.withTrace(a.traced())));
        Behavior<RoleActor.Command> running = SessionMdc.participant(a.sessionId(), a.participant(),
                Behaviors.intercept(() -> new ActivateAsStart(a.sessionId()), durable));
        ctx.getSelf().tell(new RoleActor.Start(a.peers()));
        return stash.unstashAll(running);
    }

    /**
     * The participant's reports go to its session's coordinator entity, wherever it runs now: an adapter of this
     * entity that the interceptor below forwards through sharding.
     */
    private static ActorRef<SessionActor.Command> toSession(ActorContext<RoleActor.Command> ctx, String sessionId) {
        return ctx.messageAdapter(SessionActor.Command.class, ToSession::new);
    }

    /**
     * Once running, a repeated {@link Activate} is a reminder: it reaches the participant as a {@code Start}; reports
     * to the session are forwarded to the coordinator entity.
     */
    private static final class ActivateAsStart extends BehaviorInterceptor<RoleActor.Command, RoleActor.Command> {
        private final String sessionId;

        ActivateAsStart(String sessionId) {
            super(RoleActor.Command.class);
            this.sessionId = sessionId;
        }

        @Override
        public Behavior<RoleActor.Command> aroundReceive(TypedActorContext<RoleActor.Command> ctx,
                                                         RoleActor.Command msg,
                                                         ReceiveTarget<RoleActor.Command> target) {
            if (msg instanceof ToSession t) {
                SessionEntity.of(ctx.asJava().getSystem(), sessionId).tell(t.report());
                return Behaviors.same();
            }
            if (msg instanceof Recheck) {
                return Behaviors.same();    // scheduled while waiting for the registration, which has come since
            }
            return target.apply(ctx, msg instanceof Activate a ? new RoleActor.Start(a.peers()) : msg);
        }
    }
}
